package dev.formgate.identity;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An OpenID Connect provider in this JVM: authorization code with PKCE, refresh tokens, RP-initiated logout, a login
 * page, one user per {@link User}. Its access tokens are RS256 JWTs with the {@code roles} claim and the audience the
 * admin APIs require, signed with the key pair it is given: the local stack hands it the admin-token key, so its
 * tokens and {@code bin/run token}'s are checked alike. A stand-in for the organisation's provider, never for
 * production.
 */
public final class IdentityProvider implements AutoCloseable {

	private final ConfigurableApplicationContext context;
	private final Settings settings;

	private IdentityProvider(ConfigurableApplicationContext context, Settings settings) {
		this.context = context;
		this.settings = settings;
	}

	/**
	 * @param port where it listens
	 * @param issuer its issuer URL as browsers and token checkers see it, e.g. {@code http://localhost:9000}
	 * @param keys signs the tokens (RSA)
	 * @param audience the {@code aud} of access tokens (the admin APIs check it)
	 * @param users who may sign in
	 * @param clients the relying parties
	 * @param accessTokenLifetime how long an access token is good (a refresh token renews it)
	 */
	public record Settings(int port, String issuer, KeyPair keys, String audience, List<User> users,
			List<Client> clients, Duration accessTokenLifetime) {

		public Settings {
			users = List.copyOf(users);
			clients = List.copyOf(clients);
		}

		User user(String username) {
			return users.stream().filter(u -> u.username().equals(username)).findFirst().orElse(null);
		}
	}

	/** A person who may sign in; {@code roles} go into the {@code roles} claim of their tokens. */
	public record User(String username, String password, String name, List<String> roles) {

		public User {
			roles = List.copyOf(roles);
		}

		@Override
		public String toString() {
			return "User[" + username + "]"; // never the password
		}
	}

	/**
	 * A confidential client using authorization code with PKCE.
	 *
	 * @param redirectUri where the code goes after sign-in
	 * @param postLogoutRedirectUri where the browser goes after the provider's logout
	 */
	public record Client(String id, String secret, String redirectUri, String postLogoutRedirectUri) {

		@Override
		public String toString() {
			return "Client[" + id + "]";
		}
	}

	public static IdentityProvider start(Settings settings) {
		Objects.requireNonNull(settings.issuer(), "issuer");
		var context = new SpringApplicationBuilder(IdentityProviderConfiguration.class)
			.web(WebApplicationType.SERVLET)
			.bannerMode(org.springframework.boot.Banner.Mode.OFF)
			.logStartupInfo(false)
			.initializers(c -> ((GenericApplicationContext) c).registerBean(Settings.class, () -> settings))
			// Arguments, not default properties: they win over any application.yml on the class path (the tests' class
			// path holds the services' jars), and no such file is read at all under this configuration name.
			.run("--spring.config.name=formgate-identity-provider", "--server.port=" + settings.port(),
					"--spring.application.name=identity-provider", "--spring.main.register-shutdown-hook=false",
					// Its own session cookie name: browsers share cookies across ports of one host.
					"--server.servlet.session.cookie.name=FORMGATE_IDP_SESSION");
		return new IdentityProvider(context, settings);
	}

	public String issuer() {
		return settings.issuer();
	}

	@Override
	public void close() {
		context.close();
	}
}
