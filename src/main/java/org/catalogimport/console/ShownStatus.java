package org.catalogimport.console;

import java.util.ArrayList;
import java.util.List;
import org.catalogimport.imports.ImportSession;
import org.catalogimport.imports.ImportStatus;

/**
 * A session's status as the console shows it: the {@link ImportStatus}, except that a completed
 * session with skipped items or warnings is "completed with problems" (its own colour, icon and
 * filter entry), so that it never looks like a clean one. The API keeps COMPLETED and the counts.
 */
final class ShownStatus {

    static final String COMPLETED_WITH_PROBLEMS = "COMPLETED_WITH_PROBLEMS";

    private ShownStatus() {
    }

    static String of(ImportSession session) {
        return session.getStatus() == ImportStatus.COMPLETED && session.getProblemCount() > 0
                ? COMPLETED_WITH_PROBLEMS : session.getStatus().name();
    }

    static List<String> filterOptions() {
        List<String> options = new ArrayList<>();
        for (ImportStatus status : ImportStatus.values()) {
            options.add(status.name());
            if (status == ImportStatus.COMPLETED) {
                options.add(COMPLETED_WITH_PROBLEMS);
            }
        }
        return options;
    }

    /** The filter value as a status and a problems condition (null: any). */
    record Filter(ImportStatus status, Boolean withProblems) {
        static final Filter ANY = new Filter(null, null);
    }

    static Filter filter(String value) {
        if (value == null || value.isBlank()) {
            return Filter.ANY;
        }
        if (COMPLETED_WITH_PROBLEMS.equals(value)) {
            return new Filter(ImportStatus.COMPLETED, true);
        }
        ImportStatus status = ImportStatus.valueOf(value);
        // why: "Completed" in the filter means completed cleanly; the others have their own entry.
        return new Filter(status, status == ImportStatus.COMPLETED ? Boolean.FALSE : null);
    }

    static String icon(String shown) {
        if (shown == null || shown.isBlank()) {
            return "pi-filter";
        }
        return switch (shown) {
            case "PENDING" -> "pi-clock";
            case "RUNNING" -> "pi-spin pi-spinner";
            case "COMPLETED" -> "pi-check-circle";
            case COMPLETED_WITH_PROBLEMS -> "pi-exclamation-triangle";
            case "FAILED" -> "pi-times-circle";
            case "CANCELLED" -> "pi-ban";
            default -> "pi-circle";
        };
    }
}
