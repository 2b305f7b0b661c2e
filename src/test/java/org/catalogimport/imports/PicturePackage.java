package org.catalogimport.imports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Test data builder: a classic 2.x package ({@code import.xml} + {@code import_files/}) whose
 * products name pictures, and what a folder holds (every file with its SHA-256) to compare a media
 * folder before and after.
 */
public final class PicturePackage {

    private static final String HEADER = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<КоммерческаяИнформация xmlns=\"urn:1C.ru:commerceml_2\" ВерсияСхемы=\"2.07\" ДатаФормирования=\"%s\">\n";

    private final List<String> products = new ArrayList<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();
    private boolean full;
    private String stamp = "2024-01-01T00:00:00";

    /** A full exchange: products it does not mention are deactivated (their pictures stay named). */
    public PicturePackage full() {
        full = true;
        return this;
    }

    /** 1C stamps every export with its time, so a new export is always a changed file. */
    public PicturePackage stamped(String formedAt) {
        stamp = formedAt;
        return this;
    }

    public PicturePackage product(String id, String... pictures) {
        StringBuilder xml = new StringBuilder("<Товар><Ид>").append(id).append("</Ид><Наименование>Product ")
                .append(id).append("</Наименование>");
        for (String picture : pictures) {
            xml.append("<Картинка>").append(picture).append("</Картинка>");
        }
        products.add(xml.append("</Товар>").toString());
        return this;
    }

    /** A file in the package, next to import.xml. */
    public PicturePackage file(String path, byte[] bytes) {
        files.put(path, bytes);
        return this;
    }

    public Path writeTo(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder xml = new StringBuilder(String.format(HEADER, stamp))
                .append("<Каталог СодержитТолькоИзменения=\"").append(!full).append("\"><Ид>cat</Ид>")
                .append("<Наименование>К</Наименование><Товары>\n");
        products.forEach(product -> xml.append(product).append('\n'));
        xml.append("</Товары></Каталог></КоммерческаяИнформация>");
        Files.writeString(dir.resolve("import.xml"), xml, StandardCharsets.UTF_8);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        return dir;
    }

    /** A JPEG by its signature, {@code size} bytes derived from {@code seed}. */
    public static byte[] jpeg(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        return bytes;
    }

    /** A PNG by its signature. */
    public static byte[] png(int size, long seed) {
        byte[] bytes = jpeg(size, seed);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}, 0, bytes, 0, 8);
        return bytes;
    }

    /** Every file and folder under {@code folder} (hidden ones too), each file with its SHA-256: the folder's exact state. */
    public static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> state = new TreeMap<>();
        if (!Files.exists(folder)) {
            return state;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(p -> !p.equals(folder)).toList()) {
                String name = folder.relativize(path).toString();
                state.put(name, Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? "folder" : sha256(Files.readAllBytes(path)));
            }
        }
        return state;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
