package org.catalogimport.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The pre-boot commands of every test server: the product's own
 * ({@code server-config/payara/pre-boot-commands.asadmin}, as the image runs them), then the tests'
 * ({@code src/test/resources/payara-loopback.asadmin}: listen on loopback only), in one file, because
 * Payara Micro takes a single {@code --prebootcommandfile}.
 */
public final class PreBootCommands {

    private PreBootCommands() {
    }

    /** Writes the combined file into {@code target/} (whole, by a rename) and returns it. */
    public static Path file(Path projectDir) {
        Path target = projectDir.resolve("target");
        Path combined = target.resolve("payara-pre-boot-tests.asadmin");
        try {
            String commands = Files.readString(projectDir.resolve("server-config/payara/pre-boot-commands.asadmin"),
                    StandardCharsets.UTF_8) + System.lineSeparator()
                    + Files.readString(projectDir.resolve("src/test/resources/payara-loopback.asadmin"), StandardCharsets.UTF_8);
            Files.createDirectories(target);
            // why a rename: two test JVMs (or threads) may write it at once; a server must never read half of it
            Path partial = Files.createTempFile(target, "payara-pre-boot-", ".part");
            Files.writeString(partial, commands, StandardCharsets.UTF_8);
            Files.move(partial, combined, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return combined;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test servers' pre-boot commands", e);
        }
    }
}
