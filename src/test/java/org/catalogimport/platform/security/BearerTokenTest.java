package org.catalogimport.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** API tokens as text: their shape, what is stored of them, and how a header is read. */
class BearerTokenTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void aNewTokenIsThePrefixAnd32RandomBytesAndNeverPrintsItself() {
        BearerToken token = BearerToken.generate(random);

        assertTrue(token.text().matches("cit_[A-Za-z0-9_-]{43}"), token.text());
        assertNotEquals(token.text(), BearerToken.generate(random).text());
        assertFalse(token.toString().contains(token.text().substring(4)), "toString: " + token);
    }

    @Test
    void whatIsStoredIsTheSha256OfTheWholeToken() {
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", TokenHash.of("abc"));
        BearerToken token = BearerToken.generate(random);
        assertEquals(TokenHash.of(token.text()), token.hash());
        assertTrue(token.hash().matches("[0-9a-f]{64}"));
    }

    @Test
    void aBearerHeaderIsReadInAnyCaseWithBlanksAround() {
        String text = BearerToken.generate(random).text();

        assertEquals(Optional.of(text), BearerToken.fromAuthorization("Bearer " + text).map(BearerToken::text));
        assertEquals(Optional.of(text), BearerToken.fromAuthorization("bearer   " + text + " ").map(BearerToken::text));
        assertEquals(Optional.of(text), BearerToken.fromAuthorization("BEARER " + text).map(BearerToken::text));
    }

    @Test
    void anythingNotOfATokensShapeIsNoToken() {
        String text = BearerToken.generate(random).text();

        for (String header : new String[] {null, "", "Bearer", "Bearer ", "Basic " + text, text, "Bearer cit_short",
                "Bearer " + text + "x", "Bearer " + text.substring(0, text.length() - 1) + "+",
                "Bearer xyz_" + text.substring(4), "Bearer " + text + " extra", "Bearertoken " + text}) {
            assertEquals(Optional.empty(), BearerToken.fromAuthorization(header), "header: " + header);
        }
    }

    @Test
    void aMalformedBearerHeaderIsStillABearerHeader() {
        // why it matters: a wrong token must count as a failed sign-in, not pass as "no credentials".
        assertTrue(BearerToken.isBearer("Bearer not-a-token"));
        assertTrue(BearerToken.isBearer("bearer "));
        assertFalse(BearerToken.isBearer("Basic YTpi"));
        assertFalse(BearerToken.isBearer(null));
    }
}
