package aftersales.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local JWT authorizer: RS256 with a key in the data folder; signature, issuer, audience and expiry checked. */
class LocalTokensTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path data;

    @Test
    void issuedTokenVerifiesWithSubjectAndRole() {
        LocalTokens tokens = new LocalTokens(data);
        String token = tokens.issue("seller", "seller-7", NOW);

        Map<String, String> claims = tokens.verify(token, NOW.plusSeconds(1)).orElseThrow();
        assertEquals("seller-7", claims.get("sub"));
        assertEquals("seller", claims.get("role"));
        assertEquals(LocalTokens.ISSUER, claims.get("iss"));
        assertEquals(Long.toString(NOW.plus(LocalTokens.LIFETIME).getEpochSecond()), claims.get("exp"));
        assertEquals(Long.toString(NOW.getEpochSecond()), claims.get("iat"));
        assertTrue(tokens.verify(token, NOW.plus(LocalTokens.LIFETIME).minusSeconds(1)).isPresent(), "valid until expiry");
    }

    @Test
    void expiredTokenIsRejected() {
        LocalTokens tokens = new LocalTokens(data);
        String token = tokens.issue("buyer", "buyer-1", NOW);
        assertTrue(tokens.verify(token, NOW).isPresent());
        assertEquals(Optional.empty(), tokens.verify(token, NOW.plus(LocalTokens.LIFETIME)), "at the expiry instant");
        assertEquals(Optional.empty(), tokens.verify(token, NOW.plus(LocalTokens.LIFETIME).plusSeconds(1)));
    }

    @Test
    void tokenSignedWithAnotherKeyIsRejected(@TempDir Path other) {
        LocalTokens tokens = new LocalTokens(data);
        LocalTokens stranger = new LocalTokens(other);
        String foreign = stranger.issue("arbitrator", "arb-1", NOW);
        assertTrue(stranger.verify(foreign, NOW).isPresent(), "the stranger's own token is fine for the stranger");
        assertEquals(Optional.empty(), tokens.verify(foreign, NOW));
    }

    @Test
    void tamperedPayloadIsRejected() {
        LocalTokens tokens = new LocalTokens(data);
        String[] parts = tokens.issue("buyer", "buyer-1", NOW).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace("\"buyer\"", "\"platform\"");
        assertNotEquals(payload, forged);
        String token = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(Optional.empty(), tokens.verify(token, NOW));
    }

    /** A token signed with the runtime's own key, with claims changed by {@code edit}. */
    private String crafted(JWSAlgorithm alg, UnaryOperator<JWTClaimsSet.Builder> edit) throws Exception {
        RSAKey key = RSAKey.parse(Files.readString(data.resolve("jwt-signing-key.json")));
        JWTClaimsSet claims = edit.apply(new JWTClaimsSet.Builder().issuer(LocalTokens.ISSUER)
                .audience(LocalTokens.AUDIENCE).subject("buyer-1").claim("role", "buyer")
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(3600)))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).build(), claims);
        JWSSigner signer = new RSASSASigner(key);
        jwt.sign(signer);
        return jwt.serialize();
    }

    @Test
    void craftedWithTheRightKeyIsAcceptedOnlyWithIssuerAudienceAndExpiry() throws Exception {
        LocalTokens tokens = new LocalTokens(data);
        assertTrue(Files.isRegularFile(data.resolve("jwt-signing-key.json")));

        assertEquals("buyer-1", tokens.verify(crafted(JWSAlgorithm.RS256, b -> b), NOW).orElseThrow().get("sub"),
                "control: a well-formed token from the same key passes");
        assertEquals(Optional.empty(), tokens.verify(crafted(JWSAlgorithm.RS256,
                b -> b.issuer("https://evil.example/issuer")), NOW), "wrong issuer");
        assertEquals(Optional.empty(), tokens.verify(crafted(JWSAlgorithm.RS256, b -> b.issuer(null)), NOW),
                "no issuer");
        assertEquals(Optional.empty(), tokens.verify(crafted(JWSAlgorithm.RS256, b -> b.audience("someone-else")),
                NOW), "wrong audience");
        assertEquals(Optional.empty(), tokens.verify(crafted(JWSAlgorithm.RS256, b -> b.audience((String) null)),
                NOW), "no audience");
        assertTrue(tokens.verify(crafted(JWSAlgorithm.RS256,
                b -> b.audience(java.util.List.of("x", LocalTokens.AUDIENCE))), NOW).isPresent(), "one of several");
        assertEquals(Optional.empty(), tokens.verify(crafted(JWSAlgorithm.RS256, b -> b.expirationTime(null)), NOW),
                "no expiry");
        assertEquals(Optional.empty(), tokens.verify(crafted(JWSAlgorithm.RS256,
                b -> b.notBeforeTime(Date.from(NOW.plusSeconds(60)))), NOW), "not yet valid");
        assertEquals(Optional.empty(), tokens.verify(crafted(JWSAlgorithm.RS512, b -> b), NOW),
                "same key, other algorithm");
    }

    @Test
    void unsignedAndSymmetricTokensAreRejected() throws Exception {
        LocalTokens tokens = new LocalTokens(data);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(LocalTokens.ISSUER).audience(LocalTokens.AUDIENCE)
                .subject("buyer-1").claim("role", "platform").expirationTime(Date.from(NOW.plusSeconds(3600))).build();

        String none = new PlainJWT(claims).serialize();
        assertEquals(Optional.empty(), tokens.verify(none, NOW), "alg none");

        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        hs.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), tokens.verify(hs.serialize(), NOW), "HS256");

        // HS256 keyed with the public key's bytes: the classic algorithm-confusion attack
        RSAKey key = RSAKey.parse(Files.readString(data.resolve("jwt-signing-key.json")));
        SignedJWT confused = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        confused.sign(new MACSigner(key.toRSAPublicKey().getEncoded()));
        assertEquals(Optional.empty(), tokens.verify(confused.serialize(), NOW), "HS256 with the public key");
    }

    @Test
    void garbageIsRejected() {
        LocalTokens tokens = new LocalTokens(data);
        for (String garbage : new String[] {"", "abc", "a.b.c", "a.b", "..", "Bearer x", "eyJhbGciOiJSUzI1NiJ9.e30."}) {
            assertEquals(Optional.empty(), tokens.verify(garbage, NOW), garbage);
        }
        assertEquals(Optional.empty(), tokens.verify(null, NOW), "null");
    }

    @Test
    void keyPersistsAcrossInstancesWithTheSameDataFolder(@TempDir Path other) throws Exception {
        String token = new LocalTokens(data).issue("platform", "ops", NOW);
        String keyFile = Files.readString(data.resolve("jwt-signing-key.json"));

        LocalTokens again = new LocalTokens(data);
        assertEquals(keyFile, Files.readString(data.resolve("jwt-signing-key.json")), "key file not rewritten");
        assertEquals("ops", again.verify(token, NOW).orElseThrow().get("sub"));
        assertEquals("platform", again.verify(token, NOW).orElseThrow().get("role"));

        assertFalse(new LocalTokens(other).verify(token, NOW).isPresent(), "a fresh folder makes a fresh key");
        assertNotEquals(keyFile, Files.readString(other.resolve("jwt-signing-key.json")));
    }
}
