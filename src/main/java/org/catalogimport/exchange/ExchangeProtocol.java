package org.catalogimport.exchange;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The exchange's modes, as 1C calls them: {@code checkauth}, {@code init}, {@code file},
 * {@code import}, {@code deactivate}, {@code complete} for {@code type=catalog}; for
 * {@code type=sale} the same sign-in, an empty orders document for {@code query}, and
 * {@code success} for the rest (this product takes no orders, but a 1C set up to exchange them
 * too must not fail its exchange).
 */
@ApplicationScoped
public class ExchangeProtocol {

    /** What a call answers; {@code unauthorized}: HTTP 401 with a Basic challenge (no credentials sent). */
    public record Reply(ExchangeAnswer answer, String setCookieToken, boolean unauthorized, byte[] document) {

        static Reply of(ExchangeAnswer answer) {
            return new Reply(answer, null, false, null);
        }
    }

    @Inject
    ExchangeSignIn signIn;

    @Inject
    ExchangeStore store;

    @Inject
    ExchangeSettings settings;

    @Inject
    ExchangeImports imports;

    @Inject
    ZipUnpackingAhead unpacking;

    private final Clock clock = Clock.systemUTC();

    public Reply handle(HttpServletRequest request, ExchangeRequest query) throws IOException {
        if (!query.isSale() && !"catalog".equals(query.type())) {
            return Reply.of(ExchangeAnswer.failure(settings.say(ExchangeMessage.UNKNOWN_TYPE.with(query.type()))));
        }
        if ("checkauth".equals(query.mode())) {
            return checkauth(request, query);
        }
        Optional<ExchangeSignIn.Caller> caller = signIn.caller(request, query);
        if (caller.isEmpty()) {
            throw new ExchangeRefused(ExchangeRefused.Kind.NOT_SIGNED_IN, ExchangeMessage.NOT_SIGNED_IN.with());
        }
        ExchangeStore.Exchange exchange = caller.get().exchange();
        // why: a refusal further on is recorded with the user it refused (ExchangeServlet).
        request.setAttribute(ExchangeServlet.CALLER, exchange.user());
        boolean complete = "complete".equals(query.mode()) || (query.isSale() && "success".equals(query.mode()));
        store.touch(exchange.id(), query.mode(), clock.instant(), complete);
        return switch (query.mode()) {
            case "init" -> Reply.of(init(request, query, caller.get()));
            case "file" -> Reply.of(file(request, query, exchange));
            case "import" -> Reply.of(query.isSale() ? ExchangeAnswer.success()
                    : imports.importFile(exchange, StagedName.of(query.parameter("filename").orElse(null)),
                            consoleAddress(request)));
            case "query" -> query.isSale() ? new Reply(null, null, false, EmptyOrders.document(clock.instant()))
                    : Reply.of(unknownMode(query));
            case "deactivate", "complete", "success" -> Reply.of(ExchangeAnswer.success());
            default -> Reply.of(unknownMode(query));
        };
    }

    /** The application's address as the caller reached it, for links to the console in answers. */
    private static String consoleAddress(HttpServletRequest request) {
        StringBuffer url = request.getRequestURL();
        return url.substring(0, url.length() - request.getRequestURI().length()) + request.getContextPath();
    }

    private Reply checkauth(HttpServletRequest request, ExchangeRequest query) {
        Optional<ExchangeSignIn.SignedIn> signedIn = signIn.checkauth(request, query.isSale() ? "sale" : "catalog");
        if (signedIn.isEmpty()) {
            return new Reply(ExchangeAnswer.failure(settings.say(ExchangeMessage.SIGN_IN.with())),
                    null, true, null);
        }
        String token = signedIn.get().token();
        List<String> lines = new ArrayList<>(List.of(ExchangeSignIn.COOKIE, token, "sessid=" + token));
        if (!query.isSale()) {
            lines.add("timestamp=" + clock.instant().getEpochSecond());
        }
        return new Reply(ExchangeAnswer.success(lines.toArray(String[]::new)), token, false, null);
    }

    /**
     * {@code zip=} then {@code file_limit=}, with no status line before them (1C and the Bitrix
     * module read line 1 as {@code zip=}); last unless the request named a version. Never deletes
     * anything: an exchange's earlier cycles (goods, then prices, then stock) still need their files.
     */
    private ExchangeAnswer init(HttpServletRequest request, ExchangeRequest query, ExchangeSignIn.Caller caller) {
        List<String> lines = new ArrayList<>(List.of("zip=" + (settings.zip() ? "yes" : "no"),
                "file_limit=" + settings.fileLimit()));
        Optional<String> version = query.parameter("version");
        if (version.isPresent()) {
            String token = caller.token() != null ? caller.token()
                    : signIn.issueToken(caller.exchange(), request);
            lines.add("sessid=" + token);
            lines.add("version=" + version.get());
        }
        return ExchangeAnswer.settings(lines);
    }

    private ExchangeAnswer file(HttpServletRequest request, ExchangeRequest query, ExchangeStore.Exchange exchange)
            throws IOException {
        StagedName name = StagedName.of(query.parameter("filename").orElse(null));
        try (InputStream body = request.getInputStream()) {
            if (query.isSale()) {
                // why: orders from 1C are not taken; read the body so the client sees a clean answer.
                body.transferTo(OutputStream.nullOutputStream());
                return ExchangeAnswer.success();
            }
            long declared = request.getContentLengthLong();
            if ("GET".equalsIgnoreCase(request.getMethod()) && declared > 0) {
                // why: Payara does not hand a GET's body to the servlet; the part would be stored as
                // nothing and answered success, and 1C would never learn that its file is broken.
                body.transferTo(OutputStream.nullOutputStream());
                throw new ExchangeRefused(ExchangeMessage.PART_BY_GET.with(name.relative(), declared));
            }
            Path staged = name.under(new ExchangeFolders(settings.dir()).incoming(exchange.id()));
            ChunkAppender.Appended appended = new ChunkAppender(settings.limits()).append(staged, name.relative(), body,
                    store.bytesWithout(exchange.id(), name.relative()));
            store.received(exchange.id(), name.relative(), appended.size(), appended.restarted(), clock.instant());
            // why: a zip is unpacked while its next parts arrive; the answer does not wait for it
            unpacking.partAppended(exchange.id(), name, staged, appended);
            return ExchangeAnswer.success();
        }
    }

    private ExchangeAnswer unknownMode(ExchangeRequest query) {
        return ExchangeAnswer.failure(settings.say(ExchangeMessage.UNKNOWN_MODE.with(query.mode(), query.type())));
    }
}
