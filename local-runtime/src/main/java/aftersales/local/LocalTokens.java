package aftersales.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The local stand-in for the HTTP API's JWT authorizer and for an identity provider: an RS256 key kept in the
 * data folder, tokens for a role and subject, and verification of signature, issuer, audience and expiry.
 * Expiry is judged on the real clock: time travel moves deadlines, not token lifetimes.
 */
final class LocalTokens {

    static final String ISSUER = "https://aftersales.local/issuer";
    static final String AUDIENCE = "aftersales-local";
    static final Duration LIFETIME = Duration.ofHours(12);

    private final RSAKey key;

    LocalTokens(Path dataDir) {
        this.key = loadOrCreate(dataDir.resolve("jwt-signing-key.json"));
    }

    String issue(String role, String subject, Instant now) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer(ISSUER).audience(AUDIENCE).subject(subject).claim("role", role)
                    .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                    .jwtID(UUID.randomUUID().toString()).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims as the HTTP API authorizer hands them on (strings), or empty for any token it would reject. */
    Optional<Map<String, String>> verify(String bearer, Instant now) {
        try {
            SignedJWT jwt = SignedJWT.parse(bearer);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())
                    || !jwt.verify(new RSASSAVerifier(key.toRSAPublicKey()))) {
                return Optional.empty();
            }
            JWTClaimsSet c = jwt.getJWTClaimsSet();
            boolean valid = ISSUER.equals(c.getIssuer()) && c.getAudience() != null && c.getAudience().contains(AUDIENCE)
                    && c.getExpirationTime() != null && c.getExpirationTime().toInstant().isAfter(now)
                    && (c.getNotBeforeTime() == null || !c.getNotBeforeTime().toInstant().isAfter(now));
            if (!valid) {
                return Optional.empty();
            }
            Map<String, String> claims = new LinkedHashMap<>();
            c.getClaims().forEach((k, v) -> claims.put(k, v instanceof Date d ? Long.toString(d.toInstant().getEpochSecond())
                    : String.valueOf(v)));
            return Optional.of(claims);
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static RSAKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            Files.createDirectories(file.getParent());
            Files.writeString(file, key.toJSONString());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("unreadable signing key " + file, e);
        }
    }
}
