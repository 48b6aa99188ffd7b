package dev.formgate.security;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How admin bearer tokens are checked (prefix {@code formgate.admin-token}). Exactly one key source is required; there
 * is no default key, so a service without one refuses to start.
 *
 * @param issuer the required {@code iss} claim
 * @param audience the required entry of the {@code aud} claim (default {@code formgate})
 * @param publicKey an X.509 PEM RSA public key (e.g. {@code file:/run/secrets/admin-token.pub})
 * @param jwkSetUri a JWK set of the organisation's identity provider, instead of {@code publicKey}
 * @param algorithms the signature algorithms accepted (default RS256); {@code none} and HMAC are never accepted
 * @param clockSkew tolerance on {@code exp} and {@code nbf} (default 30s)
 */
@Validated
@ConfigurationProperties("formgate.admin-token")
public record AdminTokenProperties(@NotBlank String issuer, @DefaultValue("formgate") @NotBlank String audience,
		Resource publicKey, URI jwkSetUri, @DefaultValue("RS256") @NotEmpty List<String> algorithms,
		@DefaultValue("30s") Duration clockSkew) {

	@AssertTrue(message = "configure exactly one of formgate.admin-token.public-key and formgate.admin-token.jwk-set-uri")
	boolean isOneKeySource() {
		return (publicKey != null) != (jwkSetUri != null && !jwkSetUri.toString().isBlank());
	}

	@AssertTrue(message = "formgate.admin-token.algorithms accepts only RS256, RS384, RS512, ES256, ES384, ES512, PS256, PS384, PS512")
	boolean isAsymmetricOnly() {
		return algorithms.stream().allMatch(AdminTokenChecks.ASYMMETRIC::contains);
	}
}
