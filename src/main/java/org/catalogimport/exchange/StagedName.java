package org.catalogimport.exchange;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A file name as 1C sends it in {@code filename=}, made safe to use below an exchange's folder.
 * 1C sends sub-folders ({@code goods/goods_1_1_<guid>.xml}, {@code import_files/ab/<guid>.jpg}),
 * Windows separators, and on Linux sometimes a {@code /tmp/} prefix; anything that would leave the
 * exchange's folder is refused.
 */
public record StagedName(String relative) {

    /**
     * @throws ExchangeRefused naming the reason, for an empty, absolute or escaping name
     */
    public static StagedName of(String filename) {
        if (filename == null || filename.isBlank()) {
            throw new ExchangeRefused(ExchangeMessage.NO_FILE_NAME.with());
        }
        String name = filename.trim().replace('\\', '/');
        if (name.startsWith("/tmp/")) {
            // why: 1C on Linux prefixes its temporary folder; the rest is the real relative name.
            name = name.substring("/tmp/".length());
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*") || name.indexOf('\0') >= 0) {
            throw new ExchangeRefused(ExchangeMessage.ABSOLUTE_NAME.with(filename));
        }
        StringBuilder clean = new StringBuilder();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw new ExchangeRefused(ExchangeMessage.ESCAPING_NAME.with(filename));
            }
            if (!clean.isEmpty()) {
                clean.append('/');
            }
            clean.append(part);
        }
        if (clean.isEmpty()) {
            throw new ExchangeRefused(ExchangeMessage.EMPTY_NAME.with(filename));
        }
        return new StagedName(clean.toString());
    }

    /** The file below {@code folder}; checked again after normalisation, in case of surprises. */
    public Path under(Path folder) {
        Path base = folder.toAbsolutePath().normalize();
        Path file = base.resolve(relative).normalize();
        if (!file.startsWith(base) || file.equals(base)) {
            throw new ExchangeRefused(ExchangeMessage.ESCAPING_NAME.with(relative));
        }
        return file;
    }

    /** The last part of the name: what 1C may use in {@code import&filename=} for an entry of a zip. */
    public String baseName() {
        int slash = relative.lastIndexOf('/');
        return relative.substring(slash + 1);
    }

    public boolean isZip() {
        return relative.toLowerCase(Locale.ROOT).endsWith(".zip");
    }
}
