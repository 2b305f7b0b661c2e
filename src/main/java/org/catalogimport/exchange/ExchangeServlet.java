package org.catalogimport.exchange;

import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.catalogimport.platform.RootCause;
import org.catalogimport.platform.security.ConsoleAuthenticationMechanism;
import org.catalogimport.platform.audit.Actor;
import org.catalogimport.platform.audit.AuditAction;
import org.catalogimport.platform.audit.AuditTrail;
import org.catalogimport.platform.web.ClientAddress;

/**
 * {@code /1c_exchange}: the door 1C:Enterprise uses. GET and POST alike for every mode, with or
 * without a trailing slash, never a redirect. Every answer is HTTP 200 {@code text/plain} whose
 * first line is exactly {@code success}, {@code progress} or {@code failure}: whatever goes wrong
 * here becomes {@code failure} and a message for a human, never an HTML page or a stack trace
 * (1C shows anything else as «неизвестный статус импорта»). The one exception is {@code checkauth}
 * without credentials: 401 with a Basic challenge, so a client that waits for one sends them.
 */
@WebServlet(urlPatterns = {"/1c_exchange", "/1c_exchange/"})
public class ExchangeServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(ExchangeServlet.class.getName());
    /** Request attribute: the exchange user a call was recognised as (for the audit row of a refusal). */
    static final String CALLER = "catalog.exchange.caller";

    @Inject
    ExchangeProtocol protocol;

    @Inject
    AuditTrail audit;

    @Inject
    ClientAddress clientAddress;

    @Inject
    ExchangeSettings settings;

    @Inject
    ExchangeRefusals refusals;

    @Inject
    ExchangeSignIn signIn;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve(request, response);
    }

    private void serve(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ExchangeRequest query = ExchangeRequest.parse(request.getQueryString());
        ExchangeProtocol.Reply reply;
        try {
            reply = protocol.handle(request, query);
        } catch (ExchangeRefused refused) {
            reply = refuse(request, query, refused);
        } catch (Exception | Error e) {
            ExchangeRefused refused = RootCause.find(e, ExchangeRefused.class);
            if (refused != null) {
                reply = refuse(request, query, refused);
            } else {
                LOG.log(Level.WARNING, "1C exchange call " + query.type() + "/" + query.mode() + " failed", e);
                reply = ExchangeProtocol.Reply.of(ExchangeAnswer.failure(settings.say(
                        ExchangeMessage.SERVER_ERROR.with(RootCause.message(e)))));
            }
        }
        write(request, response, reply);
    }

    /**
     * A refused call: answered {@code failure} with why (in the exchange's language), listed with the
     * refusals the administrator sees, and recorded in the audit trail unless the sign-in rules already did.
     */
    private ExchangeProtocol.Reply refuse(HttpServletRequest request, ExchangeRequest query, ExchangeRefused refused) {
        Long exchangeId = null;
        Object caller = request.getAttribute(CALLER);
        // why the Basic header too: a refused sign-in has no caller yet, but the name it tried matters
        String user = caller != null ? caller.toString() : ConsoleAuthenticationMechanism.basicCredential(
                request.getHeader("Authorization")).map(UsernamePasswordCredential::getCaller).orElse(null);
        if (refused.kind() == ExchangeRefused.Kind.TOO_LARGE || refused.kind() == ExchangeRefused.Kind.DISK_FULL
                || refused.kind() == ExchangeRefused.Kind.BAD_REQUEST) {
            // why look the caller up again: a signed-in exchange refused a file; its row must say why
            try {
                var signedIn = signIn.caller(request, query);
                if (signedIn.isPresent()) {
                    exchangeId = signedIn.get().exchange().id();
                    user = signedIn.get().exchange().user();
                }
            } catch (RuntimeException e) {
                // the refusal is recorded without its exchange
            }
        }
        String address = clientAddress.of(request);
        refusals.record(address, query, refused, exchangeId, user);
        if (!refused.recorded()) {
            audit.recordRefusal(Actor.of(user, address), AuditAction.EXCHANGE_REFUSED, refused.getMessage());
        }
        return ExchangeProtocol.Reply.of(ExchangeAnswer.failure(
                refused.text() == null ? refused.getMessage() : settings.say(refused.text())));
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ExchangeProtocol.Reply reply)
            throws IOException {
        response.reset();
        response.setHeader("Cache-Control", "no-store");
        if (reply.document() != null) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/xml; charset=windows-1251");
            response.setContentLength(reply.document().length);
            response.getOutputStream().write(reply.document());
            return;
        }
        if (reply.unauthorized()) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"1C exchange\", charset=\"UTF-8\"");
        } else {
            response.setStatus(HttpServletResponse.SC_OK);
        }
        if (reply.setCookieToken() != null) {
            String path = request.getContextPath().isEmpty() ? "/" : request.getContextPath();
            response.addHeader("Set-Cookie", ExchangeSignIn.COOKIE + "=" + reply.setCookieToken() + "; Path=" + path
                    + "; HttpOnly; SameSite=Strict");
        }
        byte[] body = reply.answer().text().getBytes(settings.charset());
        response.setContentType("text/plain; charset=" + settings.charset().name().toLowerCase(Locale.ROOT));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
