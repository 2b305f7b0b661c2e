package org.catalogimport.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LoginBackingTest {

    @Test
    void followsPathsInsideTheApplication() {
        assertEquals("/admin/imports?status=FAILED", LoginBacking.safeTarget("/admin/imports?status=FAILED"));
    }

    @Test
    void neverRedirectsToAnotherSiteAfterLogin() {
        assertEquals(LoginBacking.HOME, LoginBacking.safeTarget("https://evil.example/phish"));
        assertEquals(LoginBacking.HOME, LoginBacking.safeTarget("//evil.example/phish"));
        assertEquals(LoginBacking.HOME, LoginBacking.safeTarget("/\\evil.example"));
        assertEquals(LoginBacking.HOME, LoginBacking.safeTarget("javascript:alert(1)"));
    }

    @Test
    void emptyOrLoginTargetsGoHome() {
        assertEquals(LoginBacking.HOME, LoginBacking.safeTarget(null));
        assertEquals(LoginBacking.HOME, LoginBacking.safeTarget(""));
        assertEquals(LoginBacking.HOME, LoginBacking.safeTarget("/login?continue=/admin"));
    }
}
