package org.catalogimport.imports;

import java.util.OptionalLong;

/**
 * The running import as the ticker sees it: nothing until the catalog transaction has begun.
 * Also where a cancel request arrives (on the ticker's thread) and is passed to the import.
 */
final class ProgressCounter {
    private volatile ImportRun run;
    private volatile ItemCountAlongside count;
    private boolean totalWritten;
    private volatile String cancelledBy;
    private volatile Integer backendPid;

    void attach(ImportRun importRun) {
        run = importRun;
        if (cancelledBy != null) {
            importRun.cancel();
        }
    }

    ImportRun run() {
        return run;
    }

    void counting(ItemCountAlongside itemCount) {
        count = itemCount;
    }

    /** The package's total the first time it is known; then empty (called by the one progress writer). */
    OptionalLong totalToWrite() {
        ItemCountAlongside current = count;
        if (totalWritten || current == null) {
            return OptionalLong.empty();
        }
        OptionalLong total = current.total();
        totalWritten = total.isPresent();
        return total;
    }

    void connectedTo(Integer pid) {
        backendPid = pid;
    }

    Integer backendPid() {
        return backendPid;
    }

    void cancel(String user) {
        cancelledBy = user;
        ImportRun current = run;
        if (current != null) {
            current.cancel();
        }
    }

    String cancelledBy() {
        return cancelledBy;
    }

    void throwIfCancelled() {
        if (cancelledBy != null) {
            throw new ImportRun.Cancelled();
        }
    }
}
