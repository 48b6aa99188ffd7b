package dev.formgate.gateway.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The console's client at the identity provider, from the provider's metadata, read on first use rather than at
 * start: the gateway starts (and serves the forms) while the provider is still starting or down; sign-in then fails
 * with a page that says so, and works as soon as the provider answers. The metadata must name the configured issuer.
 */
class ProviderRegistration implements ReactiveClientRegistrationRepository {

	static final String ID = "formgate";
	private static final Logger log = LoggerFactory.getLogger(ProviderRegistration.class);

	private final ConsoleProperties properties;
	private final String issuer;
	private final URI discovery;
	private final String publicOrigin;
	private final WebClient http = WebClient.builder().build();
	private final AtomicReference<ClientRegistration> registration = new AtomicReference<>();

	ProviderRegistration(ConsoleProperties properties, String issuer, String publicOrigin) {
		this.properties = properties;
		this.issuer = issuer.replaceAll("/+$", "");
		this.discovery = properties.discoveryUri() != null ? properties.discoveryUri()
				: URI.create(this.issuer + "/.well-known/openid-configuration");
		this.publicOrigin = publicOrigin.replaceAll("/+$", "");
	}

	@Override
	public Mono<ClientRegistration> findByRegistrationId(String registrationId) {
		if (!ID.equals(registrationId)) {
			return Mono.empty();
		}
		ClientRegistration known = registration.get();
		if (known != null) {
			return Mono.just(known);
		}
		return http.get().uri(discovery).retrieve().bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {
		}).timeout(Duration.ofSeconds(5)).map(this::registration).doOnNext(registration::set)
			.doOnError(e -> log.warn("Identity provider metadata unavailable: {} ({})", e.getClass().getSimpleName(),
					rootCause(e).getClass().getSimpleName()));
	}

	private static Throwable rootCause(Throwable e) {
		Throwable cause = e;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	ClientRegistration registration(Map<String, Object> metadata) {
		String named = String.valueOf(metadata.get("issuer")).replaceAll("/+$", "");
		if (!issuer.equals(named)) {
			throw new IllegalStateException("the provider's metadata names another issuer than formgate.admin-token.issuer");
		}
		return ClientRegistration.withRegistrationId(ID)
			.clientId(properties.clientId())
			.clientSecret(properties.clientSecret())
			.clientName("Formgate")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(publicOrigin + "/login/oauth2/code/" + ID)
			.scope("openid", "profile")
			.authorizationUri((String) metadata.get("authorization_endpoint"))
			.tokenUri((String) metadata.get("token_endpoint"))
			.jwkSetUri((String) metadata.get("jwks_uri"))
			.userInfoUri((String) metadata.get("userinfo_endpoint"))
			.userNameAttributeName(IdTokenClaimNames.SUB)
			.issuerUri((String) metadata.get("issuer"))
			.providerConfigurationMetadata(metadata)
			.build();
	}
}
