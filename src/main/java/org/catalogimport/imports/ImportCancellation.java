package org.catalogimport.imports;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.catalogimport.platform.audit.Actor;
import org.catalogimport.platform.audit.AuditAction;
import org.catalogimport.platform.audit.AuditTrail;

/**
 * Asks an import to stop, from any node. A PENDING session is cancelled on the spot (its worker then
 * finds it no longer pending and gives up); a RUNNING one gets the request written into its row,
 * which the importing node reads every second (its progress ticker) and acts on at the next record:
 * the catalog transaction rolls back and the session ends CANCELLED. Why PostgreSQL and not a Redis
 * message: the session row is where the importing node already writes every second, and it
 * survives a Redis restart.
 */
@Stateless
public class ImportCancellation {

    @PersistenceContext(unitName = "catalog")
    private EntityManager entityManager;

    @Inject
    AuditTrail audit;

    /** What a cancel request did. */
    public enum Outcome {
        /** It was PENDING and is now CANCELLED. */
        CANCELLED,
        /** It is RUNNING; the importing node stops it within a few seconds. */
        REQUESTED,
        /** It had already ended (completed, failed or cancelled). */
        ALREADY_FINISHED,
        NOT_FOUND
    }

    public record Result(Outcome outcome, Optional<ImportSession> session) {
    }

    /** Asks session {@code sessionId} to stop on behalf of {@code actor}; a cancel that did something is audited. */
    public Result request(long sessionId, Actor actor) {
        Result result = request(sessionId, actor.user());
        if (result.outcome() == Outcome.CANCELLED || result.outcome() == Outcome.REQUESTED) {
            audit.record(actor, AuditAction.IMPORT_CANCELLED, "import " + sessionId
                    + (result.outcome() == Outcome.CANCELLED ? " (pending: cancelled now)" : " (running: stopping)"));
        }
        return result;
    }

    private Result request(long sessionId, String user) {
        int cancelled = entityManager.createNativeQuery("""
                        update import_session
                           set status = 'CANCELLED', finished_at = now(), heartbeat_at = now(),
                               cancel_requested_by = ?1, cancel_requested_at = now(), version = version + 1,
                               error_message = 'Cancelled by ' || ?1 || ' before it started.',
                               -- why the key beside the English text: the console shows it in the reader's language (V17)
                               error_key = ?3, error_args = json_build_array(?1)::text
                         where id = ?2 and status = 'PENDING'""")
                .setParameter(1, user).setParameter(2, sessionId)
                .setParameter(3, ImportMessage.CANCELLED_BEFORE_START.key()).executeUpdate();
        if (cancelled == 1) {
            return result(Outcome.CANCELLED, sessionId);
        }
        // why "is null": a second click keeps the first requester and time.
        entityManager.createNativeQuery("""
                        update import_session set cancel_requested_by = ?1, cancel_requested_at = now()
                         where id = ?2 and status = 'RUNNING' and cancel_requested_at is null""")
                .setParameter(1, user).setParameter(2, sessionId).executeUpdate();
        Optional<ImportSession> session = find(sessionId);
        if (session.isEmpty()) {
            return new Result(Outcome.NOT_FOUND, session);
        }
        return new Result(session.get().getStatus().isFinal() ? Outcome.ALREADY_FINISHED : Outcome.REQUESTED, session);
    }

    private Result result(Outcome outcome, long sessionId) {
        return new Result(outcome, find(sessionId));
    }

    private Optional<ImportSession> find(long sessionId) {
        entityManager.flush();
        entityManager.clear();
        return Optional.ofNullable(entityManager.find(ImportSession.class, sessionId));
    }
}
