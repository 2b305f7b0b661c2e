package org.catalogimport.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.catalogimport.commerceml.Text;
import org.catalogimport.imports.CensusJson;
import org.catalogimport.imports.ImportLauncher;
import org.catalogimport.imports.ImportRequest;
import org.catalogimport.imports.ImportSession;
import org.catalogimport.imports.ImportSessions;
import org.catalogimport.imports.ImportSource;
import org.catalogimport.imports.ImportStatus;

/**
 * {@code mode=import}: imports an exchange's files through the launcher, as one import session the
 * console shows, and answers at once with that session's real state.
 *
 * <p>The first {@code import} call takes every received file not imported yet into a batch and
 * starts ONE session for it (all or nothing, like any import); the calls that follow, for that file
 * or any other of the batch, answer {@code progress} while the session runs, then its outcome. A
 * file received later goes to the next batch. A repeated call for an imported file answers the
 * recorded outcome and imports nothing. No call waits for an import: at most about a second, so
 * that 1C's loop of calls does not spin.
 */
@ApplicationScoped
public class ExchangeImports {

    private static final Logger LOG = Logger.getLogger(ExchangeImports.class.getName());
    /** How long a call may wait for the session to finish before answering progress. */
    private static final Duration HOLD = Duration.ofMillis(900);
    private static final Duration POLL = Duration.ofMillis(150);
    /** A node that claimed a batch's start and died: another may start it after this. */
    private static final Duration CLAIM_STALE = Duration.ofMinutes(2);

    @Inject
    ExchangeStore store;

    @Inject
    ExchangeSettings settings;

    @Inject
    ImportLauncher launcher;

    @Inject
    ImportSessions sessions;

    private final Clock clock = Clock.systemUTC();

    /**
     * @param console the application's address as 1C reached it: answers link the session page
     */
    public ExchangeAnswer importFile(ExchangeStore.Exchange exchange, StagedName name, String console) {
        ExchangeFolders folders = new ExchangeFolders(settings.dir());
        List<ExchangeStore.StagedFile> files = store.files(exchange.id());
        List<ExchangeStore.Batch> batches = store.batches(exchange.id());
        boolean anyWaiting = files.stream().anyMatch(f -> f.batchId() == null);
        boolean waitingNamed = files.stream().anyMatch(f -> f.batchId() == null
                && (matches(f.name(), name) || StagedName.of(f.name()).isZip()));
        Optional<ExchangeStore.Batch> batch = Optional.empty();
        if (waitingNamed || (anyWaiting && earlierBatchOf(name, files, batches).isEmpty())) {
            batch = store.batchWaiting(exchange.id(), clock.instant(),
                    batchId -> folders.batch(exchange.id(), batchId).toString(),
                    (moved, folder) -> folders.move(exchange.id(), moved, Path.of(folder)));
            files = store.files(exchange.id());
        }
        if (batch.isEmpty() || !contains(batch.get(), name, files)) {
            batch = earlierBatchOf(name, files, store.batches(exchange.id()));
        }
        if (batch.isEmpty()) {
            return ExchangeAnswer.failure(settings.say(ExchangeMessage.NOT_RECEIVED.with(name.relative())));
        }
        return outcome(exchange, batch.get(), console);
    }

    private ExchangeAnswer outcome(ExchangeStore.Exchange exchange, ExchangeStore.Batch batch, String console) {
        if (batch.refusedMessage() != null) {
            return ExchangeAnswer.failure(batch.refusedMessage());
        }
        Long sessionId = batch.sessionId();
        if (sessionId == null) {
            StartAttempt attempt = start(exchange, batch);
            if (attempt.answer() != null) {
                return attempt.answer();
            }
            sessionId = attempt.sessionId();
        }
        Instant holdUntil = clock.instant().plus(HOLD);
        while (true) {
            Optional<ImportSession> session = sessions.find(sessionId);
            if (session.isEmpty()) {
                return ExchangeAnswer.failure(settings.say(ExchangeMessage.NOT_IN_HISTORY.with(sessionId)));
            }
            ExchangeAnswer answer = answerFor(session.get(), console);
            if (answer.status() != ExchangeAnswer.Status.PROGRESS) {
                // why keep it: the exchange page and the session show what 1C was told, not a guess
                store.answered(batch.id(), answer);
                return answer;
            }
            if (clock.instant().isAfter(holdUntil)) {
                return answer;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
        }
    }

    /**
     * Starts batches that wait for the import lock, so that an exchange's import begins as soon as
     * the lock is free even when 1C pauses between its calls. Called every few seconds on every
     * node; the start claim lets one node start each batch.
     */
    public void startWaiting() {
        for (ExchangeStore.Batch batch : store.waitingBatches(clock.instant().minus(settings.lockWait()))) {
            Optional<ExchangeStore.Exchange> exchange = store.exchange(batch.exchangeId());
            if (exchange.isPresent()) {
                StartAttempt attempt = start(exchange.get(), batch);
                if (attempt.sessionId() == null) {
                    // why stop: the lock is still held; later batches would only be refused the same way.
                    return;
                }
            }
        }
    }

    private record StartAttempt(Long sessionId, ExchangeAnswer answer) {
    }

    private StartAttempt start(ExchangeStore.Exchange exchange, ExchangeStore.Batch batch) {
        Instant now = clock.instant();
        if (!store.claimStart(batch.id(), now, CLAIM_STALE)) {
            Optional<ExchangeStore.Batch> current = store.batch(batch.id());
            if (current.isPresent() && current.get().sessionId() != null) {
                return new StartAttempt(current.get().sessionId(), null);
            }
            return new StartAttempt(null, ExchangeAnswer.progress(settings.say(ExchangeMessage.STARTING.with())));
        }
        ImportLauncher.StartResult result;
        try {
            result = launcher.start(ImportRequest.of(exchange.user(), ImportSource.EXCHANGE)
                    .reading(Path.of(batch.folder()), "exchange " + exchange.id()));
        } catch (RuntimeException e) {
            store.releaseClaim(batch.id());
            throw e;
        }
        switch (result.outcome()) {
            case STARTED -> {
                store.started(batch.id(), result.session().getId());
                LOG.info(() -> "Exchange " + exchange.id() + " of '" + exchange.user() + "' started import "
                        + result.session().getId());
                return new StartAttempt(result.session().getId(), null);
            }
            case ALREADY_RUNNING -> {
                store.releaseClaim(batch.id());
                ImportSession running = result.session();
                Text holder = running == null ? ExchangeMessage.WAITING_FOR_ANOTHER.with()
                        : ExchangeMessage.WAITING_FOR_IMPORT.with(running.getId(), running.getTriggeredBy());
                if (Duration.between(batch.createdAt(), now).compareTo(settings.lockWait()) > 0) {
                    String message = settings.say(ExchangeMessage.WAITED.with(settings.lockWait().toMinutes()));
                    store.refuse(batch.id(), message);
                    return new StartAttempt(null, ExchangeAnswer.failure(message));
                }
                return new StartAttempt(null, ExchangeAnswer.progress(settings.say(holder)));
            }
            default -> {
                store.releaseClaim(batch.id());
                return new StartAttempt(null, ExchangeAnswer.failure(result.message()));
            }
        }
    }

    /** The answer for every file of a session: its progress, or how it ended. */
    private ExchangeAnswer answerFor(ImportSession session, String console) {
        ImportStatus status = session.getStatus();
        return switch (status) {
            case PENDING, RUNNING -> ExchangeAnswer.progress(settings.say(session.getTotalItems() > 0
                    ? ExchangeMessage.PROGRESS.with(session.getProcessedItems(), session.getTotalItems(), session.getId())
                    // why: the total is counted alongside the import's first seconds
                    : ExchangeMessage.PROGRESS_COUNTING.with(session.getProcessedItems(), session.getId())));
            case COMPLETED -> settings.answers().completed(ImportAnswers.Completed.of(session),
                    session.getUnreadItems() > 0 ? CensusJson.unread(sessions.censusJson(session.getId())) : List.of(),
                    console + "/admin/session.xhtml?id=" + session.getId());
            case FAILED -> ExchangeAnswer.failure(settings.say(ExchangeMessage.FAILED.with(session.getId(),
                    session.errorIn(settings.language()))));
            case CANCELLED -> ExchangeAnswer.failure(settings.say(session.getCancelRequestedBy() == null
                    ? ExchangeMessage.CANCELLED.with(session.getId())
                    : ExchangeMessage.CANCELLED_BY.with(session.getId(), session.getCancelRequestedBy())));
        };
    }

    private static Optional<ExchangeStore.Batch> earlierBatchOf(StagedName name, List<ExchangeStore.StagedFile> files,
                                                               List<ExchangeStore.Batch> newestFirst) {
        return newestFirst.stream().filter(batch -> contains(batch, name, files)).findFirst();
    }

    private static boolean contains(ExchangeStore.Batch batch, StagedName name, List<ExchangeStore.StagedFile> files) {
        return files.stream().anyMatch(f -> Long.valueOf(batch.id()).equals(f.batchId()) && matches(f.name(), name))
                || ExchangeFolders.namesEntry(batch.zipEntries(), name);
    }

    /** A received file answers to its name, or to its last part (1C may drop the folder). */
    static boolean matches(String received, StagedName asked) {
        StagedName file = StagedName.of(received);
        return file.relative().equals(asked.relative()) || file.baseName().equals(asked.baseName());
    }
}
