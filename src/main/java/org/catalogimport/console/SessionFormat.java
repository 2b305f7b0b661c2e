package org.catalogimport.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.ResourceBundle;
import org.catalogimport.commerceml.Text;
import org.catalogimport.imports.ImportSession;
import org.catalogimport.imports.ImportSessions;

/**
 * How the console writes a session's facts, the same on every page: its status (with "completed
 * with N problems"), times, and durations in the page's language.
 */
@Named("sessionFormat")
@ApplicationScoped
public class SessionFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The status as the console shows it: a completed session with problems has a status of its own. */
    public String shownStatus(ImportSession session) {
        return ShownStatus.of(session);
    }

    /** "Completed with 3 problems", or the status's own label. */
    public String statusLabel(ImportSession session) {
        String shown = ShownStatus.of(session);
        return ShownStatus.COMPLETED_WITH_PROBLEMS.equals(shown)
                ? MessageFormat.format(bundle().getString("imports.status.completedWithProblems"), session.getProblemCount())
                : bundle().getString("imports.status." + shown);
    }

    /** "Console", "API", "1C exchange (exchange 12)"; "—" for sessions from before sources were recorded. */
    public String source(ImportSession session) {
        if (session.getSource() == null) {
            return "—";
        }
        String label = bundle().getString("source." + session.getSource().name());
        return session.getSourceReference() == null ? label : label + " (" + session.getSourceReference() + ")";
    }

    /** PrimeIcons class of a shown status (the "all" entry of the filter has none of its own). */
    public String icon(String shownStatus) {
        return ShownStatus.icon(shownStatus);
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(ZoneId.systemDefault()));
    }

    /** "processed / total"; the total "…" while an import still counts it (the first seconds of a run). */
    public String progress(ImportSession session) {
        boolean counting = session.getTotalItems() <= 0 && !session.getStatus().isFinal();
        return session.getProcessedItems() + " / " + (counting ? "…" : String.valueOf(session.getTotalItems()));
    }

    /** Seconds under a minute, then minutes and seconds; "running for ..." while it runs. */
    public String duration(ImportSession session) {
        ResourceBundle bundle = bundle();
        Duration duration = session.duration();
        if (duration == null) {
            if (session.getStatus().isFinal()) {
                return "";
            }
            return MessageFormat.format(bundle.getString("imports.runningFor"),
                    format(Duration.between(session.getStartedAt(), Instant.now()).toSeconds(), bundle));
        }
        return format(duration.toSeconds(), bundle);
    }

    private static String format(long seconds, ResourceBundle bundle) {
        return format(seconds, bundle.getString("units.seconds"), bundle.getString("units.minutes"));
    }

    /** 42 s, 3 min 5 s, with the units of the page's language. */
    static String format(long seconds, String secondsUnit, String minutesUnit) {
        seconds = Math.max(0, seconds);
        return seconds < 60 ? seconds + " " + secondsUnit
                : (seconds / 60) + " " + minutesUnit + " " + (seconds % 60) + " " + secondsUnit;
    }

    /** A problem's reason in the page's language (the stored English text for problems from before V17). */
    public String reason(ImportSessions.Problem problem) {
        return problem.reasonIn(locale());
    }

    /** Why a session failed or was cancelled, in the page's language. */
    public String error(ImportSession session) {
        return session.errorIn(locale());
    }

    /** A message of the engine (a package refusal, a start refusal) in the page's language; "" for none. */
    public String text(Text text) {
        return text == null ? "" : text.in(locale());
    }

    static Locale locale() {
        return FacesContext.getCurrentInstance().getViewRoot().getLocale();
    }

    private static ResourceBundle bundle() {
        FacesContext faces = FacesContext.getCurrentInstance();
        return faces.getApplication().getResourceBundle(faces, "msg");
    }
}
