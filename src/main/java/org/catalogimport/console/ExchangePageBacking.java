package org.catalogimport.console;

import java.util.Locale;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.catalogimport.exchange.ExchangeHistory;
import org.catalogimport.exchange.ExchangeRefusals;
import org.catalogimport.exchange.ExchangeSettings;
import org.catalogimport.platform.security.Roles;
import org.catalogimport.platform.security.UserAccounts;

/**
 * Backs {@code /admin/exchange}: what to enter in 1C (the URL, zip, file limit), the users that may
 * sign in to the exchange, and the last exchanges with their files, sessions and result.
 */
@Named
@RequestScoped
public class ExchangePageBacking {

    private static final int SHOWN = 50;

    @Inject
    ExchangeSettings settings;

    @Inject
    ExchangeHistory history;

    @Inject
    UserAccounts accounts;

    @Inject
    ExchangeRefusals refusals;

    private List<ExchangeHistory.Summary> recent;
    private List<ExchangeRefusals.Refusal> refused;

    /** A refusal's reason in the page's language. */
    public String reason(ExchangeRefusals.Refusal refusal) {
        return refusal.reasonIn(FacesContext.getCurrentInstance().getViewRoot().getLocale());
    }

    /** The last refused calls, newest first: wrong passwords, throttled addresses, files over a limit… */
    public List<ExchangeRefusals.Refusal> getRefusals() {
        if (refused == null) {
            refused = refusals.recent(SHOWN);
        }
        return refused;
    }

    /** The address 1C must call, as this request reached the server (behind a proxy: its Host). */
    public String getUrl() {
        ExternalContext external = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        String forwardedProto = request.getHeader("X-Forwarded-Proto");
        String scheme = forwardedProto == null ? request.getScheme() : forwardedProto;
        String host = request.getHeader("Host") == null ? request.getServerName() + ":" + request.getServerPort()
                : request.getHeader("Host");
        return scheme + "://" + host + request.getContextPath() + "/1c_exchange";
    }

    public boolean isZip() {
        return settings.zip();
    }

    public long getFileLimit() {
        return settings.fileLimit();
    }

    public String getCharset() {
        return settings.charset().name();
    }

    public long getKeepFilesDays() {
        return settings.keepFiles().toDays();
    }

    public long getLockWaitMinutes() {
        return settings.lockWait().toMinutes();
    }

    public String getStagingDir() {
        return settings.dir().toString();
    }

    public List<String> getUsers() {
        return accounts.usernamesWithRole(Roles.EXCHANGE);
    }

    public String getUsersText() {
        return String.join(", ", getUsers());
    }

    /** The received files' names, for the tooltip of the files column. */
    public String fileNames(ExchangeHistory.Summary exchange) {
        return String.join(", ", exchange.files().stream().map(ExchangeHistory.ReceivedFile::name).toList());
    }

    public List<ExchangeHistory.Summary> getRecent() {
        if (recent == null) {
            recent = history.recent(SHOWN);
        }
        return recent;
    }

    /** "3 files, 12.4 MB" for the table. */
    public String files(ExchangeHistory.Summary exchange) {
        long bytes = exchange.files().stream().mapToLong(ExchangeHistory.ReceivedFile::size).sum();
        return exchange.files().size() + " · " + String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
