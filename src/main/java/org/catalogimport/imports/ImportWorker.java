package org.catalogimport.imports;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.catalogimport.platform.RootCause;
import org.catalogimport.platform.redis.RedissonImportLock;
import java.nio.file.Path;
import java.time.Instant;

/** Runs a started import on a container thread and releases the import lock when it has ended. */
@Stateless
public class ImportWorker {

    private static final Logger LOG = Logger.getLogger(ImportWorker.class.getName());

    @Inject
    CatalogImporter importer;

    @Inject
    ImportProgress progress;

    @Asynchronous
    // why: the importer manages its own transaction; none may be open around it.
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void run(ImportSession session, Path packageDir, RedissonImportLock.Held lock) {
        long sessionId = session.getId();
        try {
            importer.importPackage(sessionId, packageDir, session.isDryRun(), session.isAllowMassDeactivation());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "Import " + sessionId + " ended with an unexpected error", e);
            progress.fail(sessionId, ImportMessage.STOPPED_UNEXPECTEDLY.with(e), ImportCounts.NONE, Instant.now());
        } finally {
            // why here: after importPackage returns, its JTA transaction has committed or rolled back.
            try {
                lock.release();
            } catch (RuntimeException e) {
                // why one line: the usual cause is a lock Redis already lost (restart, flush), nothing to debug.
                LOG.warning(() -> "The import lock of session " + sessionId
                        + " could not be released (" + RootCause.message(e) + "); it expires within 30 s");
            }
        }
    }
}
