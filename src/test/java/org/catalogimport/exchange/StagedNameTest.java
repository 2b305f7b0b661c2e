package org.catalogimport.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StagedNameTest {

    @Test
    void keepsSubFoldersAndTurnsBackslashesIntoSlashes() {
        assertEquals("goods/goods_1_1_abc.xml", StagedName.of("goods\\goods_1_1_abc.xml").relative());
        assertEquals("import_files/ab/abcd.jpg", StagedName.of("import_files/ab/abcd.jpg").relative());
        assertEquals("import0_1.xml", StagedName.of("./import0_1.xml").relative());
    }

    @Test
    void dropsTheTmpPrefixOf1cOnLinux() {
        assertEquals("offers.xml", StagedName.of("/tmp/offers.xml").relative());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.xml", "goods/../../evil.xml", "/etc/passwd", "C:\\Windows\\win.ini", "", "  ", "/tmp/", "a\0b"})
    void refusesNamesThatLeaveTheExchangeOrNameNothing(String name) {
        ExchangeRefused refused = assertThrows(ExchangeRefused.class, () -> StagedName.of(name));
        assertTrue(refused.getMessage().length() > 10, refused.getMessage());
    }

    @Test
    void resolvesInsideItsFolderOnly() {
        Path folder = Path.of("/data/exchange/12/incoming");
        assertEquals(folder.resolve("goods/a.xml"), StagedName.of("goods/a.xml").under(folder));
        assertEquals("a.xml", StagedName.of("goods/a.xml").baseName());
        assertTrue(StagedName.of("v8_3B8F_3e.ZIP").isZip());
    }
}
