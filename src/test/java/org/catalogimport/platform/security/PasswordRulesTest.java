package org.catalogimport.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PasswordRulesTest {

    private final PasswordRules rules = new PasswordRules(12);

    @Test
    void aPasswordShorterThanTheMinimumIsRefusedWithTheMinimum() {
        PasswordRules.Refusal refusal = rules.check("anna", "elevenchars").orElseThrow();

        assertEquals("password.tooShort", refusal.key());
        assertEquals(12, refusal.arguments()[0]);
        assertTrue(rules.check("anna", "twelve-chars").isEmpty());
    }

    @Test
    void thePasswordMayNotBeTheUserNameInAnyCase() {
        assertEquals("password.isUserName", rules.check("warehouse-bot", "Warehouse-Bot").orElseThrow().key());
    }

    @Test
    void userNamesAreLettersDigitsAndAFewMarksWithoutColonOrSpace() {
        assertEquals(Optional.empty(), rules.checkName("менеджер.1"));
        assertEquals(Optional.empty(), rules.checkName("prometheus@ops"));
        assertEquals("user.badName", rules.checkName("a:b").orElseThrow().key());
        assertEquals("user.badName", rules.checkName("two words").orElseThrow().key());
        assertEquals("user.badName", rules.checkName("").orElseThrow().key());
        assertEquals("user.badName", rules.checkName("x".repeat(101)).orElseThrow().key());
    }

    @Test
    void generatedPasswordsPassTheRulesAndDiffer() {
        String first = rules.generate();

        assertTrue(rules.check("anna", first).isEmpty(), first);
        assertTrue(first.length() >= 20);
        assertNotEquals(first, rules.generate());
    }
}
