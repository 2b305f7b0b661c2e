package org.catalogimport.catalog.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Where a picture may go in the media folder, and what counts as a picture. */
class PictureRulesTest {

    @Test
    void aPicturePathStaysInsideTheFolderAndOutOfTheWorkArea() {
        assertEquals(Optional.of("import_files/ab/x.jpg"), MediaFolder.relative(" import_files\\ab\\x.jpg "));
        assertEquals(Optional.of("import_files/x.jpg"), MediaFolder.relative("import_files/ab/../x.jpg"));
        assertEquals(Optional.empty(), MediaFolder.relative("../x.jpg"));
        assertEquals(Optional.empty(), MediaFolder.relative("import_files/../../x.jpg"));
        assertEquals(Optional.empty(), MediaFolder.relative("/etc/passwd"));
        assertEquals(Optional.empty(), MediaFolder.relative("C:\\1c\\x.jpg"));
        assertEquals(Optional.empty(), MediaFolder.relative(".catalog-import/staging/session-1/x.jpg"));
        assertEquals(Optional.empty(), MediaFolder.relative("a/.."));
        assertEquals(Optional.empty(), MediaFolder.relative("x\u0000.jpg"));
        assertEquals(Optional.empty(), MediaFolder.relative("  "));
    }

    @Test
    void aPictureIsKnownByItsFirstBytesNotByItsName() {
        assertTrue(PictureSignature.isPicture(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}));
        assertTrue(PictureSignature.isPicture(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}));
        assertTrue(PictureSignature.isPicture("GIF87a...".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(PictureSignature.isPicture("GIF89a...".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(PictureSignature.isPicture("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(PictureSignature.isPicture("BM\0\0\0\0\0\0".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(PictureSignature.isPicture("RIFF\0\0\0\0WAVEfmt ".getBytes(StandardCharsets.US_ASCII)), "a RIFF that is sound");
        assertFalse(PictureSignature.isPicture("<html>".getBytes(StandardCharsets.US_ASCII)));
        assertFalse(PictureSignature.isPicture("PK\3\4".getBytes(StandardCharsets.US_ASCII)), "a zip named .jpg");
        assertFalse(PictureSignature.isPicture(new byte[] {(byte) 0xFF, (byte) 0xD8}), "cut short");
        assertFalse(PictureSignature.isPicture(new byte[0]));
    }
}
