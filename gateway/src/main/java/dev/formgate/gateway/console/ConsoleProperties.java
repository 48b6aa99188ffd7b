package dev.formgate.gateway.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;

/**
 * The staff console (prefix {@code formgate.console}). It is on when a client id is set. The provider is the one that
 * issues the admin tokens: its issuer is {@code formgate.admin-token.issuer}.
 *
 * @param clientId the console's client at the identity provider (confidential, authorization code with PKCE)
 * @param clientSecret its secret
 * @param discoveryUri where the gateway reads the provider's metadata (default: the issuer's
 * {@code /.well-known/openid-configuration}); another address of the same provider when the gateway reaches it on an
 * internal network. The metadata's issuer must still be the configured one.
 * @param idleTimeout a session unused this long ends
 * @param absoluteTimeout a session ends this long after sign-in, used or not
 * @param purgeInterval how often ended sessions are deleted from the store
 * @param apiBaseUrl where the console calls the admin API (default: this gateway itself, so the console takes the
 * same path to the data, with the same checks, as every API user)
 */
@ConfigurationProperties("formgate.console")
public record ConsoleProperties(String clientId, String clientSecret, URI discoveryUri,
		@DefaultValue("30m") Duration idleTimeout, @DefaultValue("8h") Duration absoluteTimeout,
		@DefaultValue("5m") Duration purgeInterval, URI apiBaseUrl) {

	public boolean enabled() {
		return clientId != null && !clientId.isBlank();
	}

	@Override
	public String toString() {
		return "ConsoleProperties[" + clientId + "]"; // never the secret
	}
}
