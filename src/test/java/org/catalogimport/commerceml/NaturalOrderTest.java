package org.catalogimport.commerceml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NaturalOrderTest {

    @Test
    @DisplayName("digit runs compare as numbers: _1_10 after _1_9, import10 after import2")
    void sortsSegmentsAsWritten() {
        // Given names in plain string order
        List<String> names = new ArrayList<>(List.of("goods/goods_1_10_aa.xml", "goods/goods_1_1_zz.xml",
                "goods/goods_1_2_bb.xml", "goods/goods_1_9_cc.xml", "import10_1.xml", "import2_1.xml"));

        // When sorted naturally
        names.sort(NaturalOrder.INSTANCE);

        // Then
        assertEquals(List.of("goods/goods_1_1_zz.xml", "goods/goods_1_2_bb.xml", "goods/goods_1_9_cc.xml",
                "goods/goods_1_10_aa.xml", "import2_1.xml", "import10_1.xml"), names);
    }

    @Test
    @DisplayName("equal numbers written differently are still different names")
    void isATotalOrder() {
        assertNotEquals(0, NaturalOrder.INSTANCE.compare("a01", "a1"));
        assertEquals(0, NaturalOrder.INSTANCE.compare("a1", "a1"));
    }
}
