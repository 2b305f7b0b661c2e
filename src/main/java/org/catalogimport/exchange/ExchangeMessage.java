package org.catalogimport.exchange;

import org.catalogimport.commerceml.MessageKey;

/**
 * Every sentence the exchange answers 1C with, beyond an import's outcome ({@link ImportAnswers}):
 * refusals and progress. 1C's operator reads them in 1C's exchange log, in the exchange's language
 * ({@code CATALOG_EXCHANGE_LANGUAGE}); the texts are in the bundle {@code org.catalogimport.messages}.
 */
public enum ExchangeMessage implements MessageKey {
    UNKNOWN_TYPE("exchange.message.unknownType", 1),
    SIGN_IN("exchange.message.signIn", 0),
    NOT_SIGNED_IN("exchange.message.notSignedIn", 0),
    UNKNOWN_MODE("exchange.message.unknownMode", 2),
    PART_BY_GET("exchange.message.partByGet", 2),
    DISK_LOW("exchange.message.diskLow", 3),
    DISK_FULL("exchange.message.diskFull", 2),
    FILE_TOO_LARGE("exchange.message.fileTooLarge", 2),
    EXCHANGE_TOO_LARGE("exchange.message.exchangeTooLarge", 2),
    NO_FILE_NAME("exchange.message.noFileName", 0),
    ABSOLUTE_NAME("exchange.message.absoluteName", 1),
    ESCAPING_NAME("exchange.message.escapingName", 1),
    EMPTY_NAME("exchange.message.emptyName", 1),
    NOT_PREPARED("exchange.message.notPrepared", 1),
    NOT_RECEIVED("exchange.message.notReceived", 1),
    NOT_IN_HISTORY("exchange.message.notInHistory", 1),
    STARTING("exchange.message.starting", 0),
    WAITING_FOR_IMPORT("exchange.message.waitingForImport", 2),
    WAITING_FOR_ANOTHER("exchange.message.waitingForAnother", 0),
    WAITED("exchange.message.waited", 1),
    PROGRESS("exchange.message.progress", 3),
    PROGRESS_COUNTING("exchange.message.progressCounting", 2),
    FAILED("exchange.message.failed", 2),
    CANCELLED("exchange.message.cancelled", 1),
    CANCELLED_BY("exchange.message.cancelledBy", 2),
    SERVER_ERROR("exchange.message.serverError", 1),
    THROTTLED("exchange.message.throttled", 3),
    THROTTLED_ADDRESS("exchange.message.throttledAddress", 2),
    WRONG_PASSWORD("exchange.message.wrongPassword", 1),
    NO_ROLE("exchange.message.noRole", 2);

    private final String key;
    private final int arity;

    ExchangeMessage(String key, int arity) {
        this.key = key;
        this.arity = arity;
    }

    @Override
    public String key() {
        return key;
    }

    @Override
    public int arity() {
        return arity;
    }
}
