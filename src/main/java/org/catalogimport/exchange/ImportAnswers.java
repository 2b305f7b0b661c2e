package org.catalogimport.exchange;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.catalogimport.imports.CensusJson;
import org.catalogimport.imports.ImportSession;

/**
 * What 1C is told about the import of its files, in the exchange's language. 1C sends its registered
 * changes again only after an exchange it was told failed: answered {@code success}, an item the
 * site lost is never sent again until it changes in 1C. So:
 * <ul>
 *   <li>items the package held where no reader looks (never read, {@link ImportSession#getUnreadItems()})
 *       answer {@code failure}: 1C keeps its changes, its operator sees the summary;</li>
 *   <li>items skipped for a reason in the data (an offer whose product is absent, a price
 *       "Уточните у менеджера") answer {@code success} with a summary line, by default: a shop with
 *       such data must not fail every exchange forever; {@code CATALOG_EXCHANGE_ANSWER_ON_SKIPPED=failure}
 *       makes them fail too;</li>
 *   <li>a clean import answers {@code success} with its counts.</li>
 * </ul>
 * Every answer that is not clean names the session page, where the problems are listed.
 */
final class ImportAnswers {

    /** {@code catalog.exchange.answer-on-skipped}: what an import with skipped items answers. */
    enum OnSkipped { SUCCESS, FAILURE }

    private final OnSkipped onSkipped;
    private final ResourceBundle messages;
    private final Locale locale;

    ImportAnswers(OnSkipped onSkipped, Locale locale) {
        this.onSkipped = onSkipped;
        this.locale = locale;
        this.messages = ResourceBundle.getBundle("org.catalogimport.messages", locale);
    }

    /** What a completed import's answer says: its id and counts. */
    record Completed(long id, long processed, long skipped, long warnings, long unreadItems) {

        static Completed of(ImportSession session) {
            return new Completed(session.getId(), session.getProcessedItems(), session.getSkippedItems(),
                    session.getWarningItems(), session.getUnreadItems());
        }
    }

    /**
     * The answer for a completed import.
     *
     * @param unread      where its unread items sat (from the session's census)
     * @param sessionLink the session page's address, for the operator
     */
    ExchangeAnswer completed(Completed session, List<CensusJson.Place> unread, String sessionLink) {
        String counts = text("exchange.answer.completed", session.id(), session.processed(),
                session.skipped(), session.warnings());
        if (session.unreadItems() > 0) {
            CensusJson.Place first = unread.isEmpty() ? null : unread.get(0);
            String where = first == null ? "" : text("exchange.answer.unreadPlace", first.element(), first.path(),
                    first.file(), first.line()) + (unread.size() > 1 ? text("exchange.answer.morePlaces", unread.size() - 1) : "");
            return ExchangeAnswer.failure(text("exchange.answer.unread", session.id(), session.unreadItems(), where)
                    + " " + counts + " " + text("exchange.answer.details", sessionLink));
        }
        if (session.skipped() > 0 && onSkipped == OnSkipped.FAILURE) {
            return ExchangeAnswer.failure(text("exchange.answer.skippedFailure", session.id(), session.skipped())
                    + " " + counts + " " + text("exchange.answer.details", sessionLink));
        }
        if (session.skipped() + session.warnings() > 0) {
            return ExchangeAnswer.success(counts + " " + text("exchange.answer.details", sessionLink));
        }
        return ExchangeAnswer.success(counts);
    }

    private String text(String key, Object... arguments) {
        MessageFormat format = new MessageFormat(messages.getString(key), locale);
        return format.format(arguments);
    }
}
