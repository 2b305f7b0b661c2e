package org.catalogimport.testing;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Puts console users straight into PostgreSQL, hashed in the standard Jakarta Security PBKDF2
 * format ({@code algorithm:iterations:salt:hash}) computed here independently of the application,
 * so a test proves the application reads that format.
 */
public final class TestUsers {

    private TestUsers() {
    }

    /** Creates the user with exactly this password and role, replacing one of the same name. */
    public static void put(ServiceEndpoints services, String username, String password, String role) {
        try (Connection connection = DriverManager.getConnection(services.dbUrl(), services.dbUser(), services.dbPassword())) {
            connection.setAutoCommit(false);
            try (PreparedStatement delete = connection.prepareStatement("delete from app_user where username = ?")) {
                delete.setString(1, username);
                delete.executeUpdate();
            }
            long id;
            try (PreparedStatement insert = connection.prepareStatement(
                    "insert into app_user (username, password_hash) values (?, ?) returning id")) {
                insert.setString(1, username);
                insert.setString(2, pbkdf2(password));
                try (var result = insert.executeQuery()) {
                    result.next();
                    id = result.getLong(1);
                }
            }
            try (PreparedStatement insertRole = connection.prepareStatement(
                    "insert into app_user_role (user_id, role) values (?, ?)")) {
                insertRole.setLong(1, id);
                insertRole.setString(2, role);
                insertRole.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test user " + username, e);
        }
    }

    static String pbkdf2(String password) {
        try {
            byte[] salt = new byte[32];
            new SecureRandom().nextBytes(salt);
            int iterations = 10_000;
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                    .getEncoded();
            Base64.Encoder base64 = Base64.getEncoder();
            return "PBKDF2WithHmacSHA256:" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
