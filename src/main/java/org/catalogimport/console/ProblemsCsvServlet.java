package org.catalogimport.console;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.ResourceBundle;
import org.catalogimport.commerceml.Text;
import org.catalogimport.imports.ImportSessions;
import org.catalogimport.imports.StoredText;
import org.catalogimport.platform.persistence.CatalogDatabase;

/**
 * {@code GET /admin/problems.csv?session=N}: every problem of a session as CSV, streamed from a
 * database cursor (memory flat for a million rows), UTF-8 with a BOM so that Excel shows Cyrillic
 * correctly. Behind the console's login like the rest of {@code /admin} (web.xml).
 *
 * <p>In the language of whoever downloads it (the console's, {@link LocaleBacking}): headers,
 * kinds, entities and reasons. English keeps the codes ({@code SKIPPED}, {@code products}) that
 * scripts already read.
 */
@WebServlet("/admin/problems.csv")
public class ProblemsCsvServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final int FETCH_SIZE = 5_000;

    @Inject
    transient ImportSessions sessions;

    @Inject
    transient CatalogDatabase database;

    @Inject
    transient LocaleBacking language;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long sessionId;
        try {
            sessionId = Long.parseLong(request.getParameter("session"));
        } catch (NumberFormatException e) {
            response.sendError(400, "session must be a session number");
            return;
        }
        if (sessions.find(sessionId).isEmpty()) {
            response.sendError(404, "No import session " + sessionId);
            return;
        }
        Locale locale = language.localeOf(request);
        ResourceBundle words = ResourceBundle.getBundle(Text.BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"import-" + sessionId + "-problems.csv\"");
        try (Connection connection = database.dataSource().getConnection()) {
            // why no autocommit: PostgreSQL streams with a cursor (fetch size) only inside a transaction.
            connection.setAutoCommit(false);
            try (PreparedStatement query = connection.prepareStatement("select kind, entity, item_id, file, line, reason,"
                    + " reason_key, reason_args from import_problem where session_id = ? order by id")) {
                query.setFetchSize(FETCH_SIZE);
                query.setLong(1, sessionId);
                Writer out = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
                out.write('\uFEFF');
                out.write(words.getString("csv.header") + "\r\n");
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        String entity = rows.getString(2);
                        out.write(String.join(",", csv(words.getString("csv.kind." + rows.getString(1))),
                                csv(entity == null ? null : words.getString("csv.entity." + entity)), csv(rows.getString(3)),
                                csv(rows.getString(4)), csv(rows.getString(5)),
                                csv(StoredText.shown(rows.getString(7), rows.getString(8), rows.getString(6), locale))));
                        out.write("\r\n");
                    }
                }
                out.flush();
            } finally {
                connection.rollback();
            }
        } catch (SQLException e) {
            throw new IOException("The problems of import " + sessionId + " could not be read: " + e.getMessage(), e);
        }
    }

    /** One CSV field (RFC 4180); a leading = + - @ is quoted with a ' so spreadsheets never run it as a formula. */
    static String csv(String value) {
        if (value == null) {
            return "";
        }
        String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
