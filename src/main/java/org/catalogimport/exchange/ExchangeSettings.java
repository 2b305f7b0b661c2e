package org.catalogimport.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.catalogimport.commerceml.Text;
import org.catalogimport.imports.ImportSettings;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The exchange's configuration (see META-INF/microprofile-config.properties for each property). */
@ApplicationScoped
public class ExchangeSettings {

    @Inject
    ImportSettings importSettings;

    @Inject
    @ConfigProperty(name = "catalog.exchange.dir")
    Optional<String> dir;

    @Inject
    @ConfigProperty(name = "catalog.exchange.zip")
    boolean zip;

    @Inject
    @ConfigProperty(name = "catalog.exchange.file-limit")
    long fileLimit;

    @Inject
    @ConfigProperty(name = "catalog.exchange.charset")
    String charset;

    @Inject
    @ConfigProperty(name = "catalog.exchange.max-file-bytes")
    long maxFileBytes;

    @Inject
    @ConfigProperty(name = "catalog.exchange.max-exchange-bytes")
    long maxExchangeBytes;

    @Inject
    @ConfigProperty(name = "catalog.exchange.min-free-bytes")
    long minFreeBytes;

    @Inject
    @ConfigProperty(name = "catalog.exchange.lock-wait-seconds")
    long lockWaitSeconds;

    @Inject
    @ConfigProperty(name = "catalog.exchange.idle-minutes")
    long idleMinutes;

    @Inject
    @ConfigProperty(name = "catalog.exchange.keep-files-days")
    int keepFilesDays;

    @Inject
    @ConfigProperty(name = "catalog.exchange.answer-on-skipped")
    String answerOnSkipped;

    @Inject
    @ConfigProperty(name = "catalog.exchange.language")
    String language;

    /** What 1C is told about an import that skipped items for a reason in the data ({@link ImportAnswers}). */
    ImportAnswers answers() {
        ImportAnswers.OnSkipped onSkipped = "failure".equalsIgnoreCase(answerOnSkipped.strip())
                ? ImportAnswers.OnSkipped.FAILURE : ImportAnswers.OnSkipped.SUCCESS;
        return new ImportAnswers(onSkipped, language());
    }

    /** The exchange's language ({@code CATALOG_EXCHANGE_LANGUAGE}). */
    public Locale language() {
        return Locale.forLanguageTag(language.strip());
    }

    /** A sentence for 1C's operator, in the exchange's language ({@code CATALOG_EXCHANGE_LANGUAGE}). */
    public String say(Text text) {
        return text.in(language());
    }

    /** Where exchanges stage their files; shared storage when several nodes serve the exchange. */
    public Path dir() {
        return dir.filter(d -> !d.isBlank()).map(Path::of).orElse(importSettings.workDir().resolve("exchange"));
    }

    public boolean zip() {
        return zip;
    }

    /** What init tells 1C as file_limit: always positive (1C breaks on 0 or -1). */
    public long fileLimit() {
        return fileLimit > 0 ? fileLimit : 4194304;
    }

    public Charset charset() {
        return Charset.forName(charset);
    }

    public ChunkAppender.Limits limits() {
        return new ChunkAppender.Limits(maxFileBytes, maxExchangeBytes, minFreeBytes);
    }

    /** How long an exchange's import waits for another import to release the lock before failing. */
    public Duration lockWait() {
        return Duration.ofSeconds(lockWaitSeconds);
    }

    /** After this long without a call, a new checkauth starts a new exchange instead of joining it. */
    public Duration idle() {
        return Duration.ofMinutes(idleMinutes);
    }

    public Duration keepFiles() {
        return Duration.ofDays(keepFilesDays);
    }
}
