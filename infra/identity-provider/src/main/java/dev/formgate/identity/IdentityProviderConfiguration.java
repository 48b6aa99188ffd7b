package dev.formgate.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Spring Authorization Server with only the auto-configuration a servlet web server needs: the provider may run in a
 * JVM whose class path holds other Spring applications' auto-configuration (the local stack, the tests).
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
		DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class,
		HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class,
		HttpEncodingAutoConfiguration.class, SecurityFilterAutoConfiguration.class })
@EnableWebSecurity
@Import(LoginPage.class)
class IdentityProviderConfiguration {

	static final String ROLES = "roles";

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
		var server = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(server.getEndpointsMatcher())
			.with(server, s -> s.oidc(Customizer.withDefaults()))
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.oauth2ResourceServer(resource -> resource.jwt(Customizer.withDefaults()))
			.exceptionHandling(handling -> handling.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain signIn(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests(requests -> requests.requestMatchers("/login", "/login.css").permitAll()
				.anyRequest().authenticated())
			.formLogin(form -> form.loginPage("/login"))
			.build();
	}

	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService users(IdentityProvider.Settings settings, PasswordEncoder encoder) {
		return new InMemoryUserDetailsManager(settings.users().stream()
			.map(u -> User.withUsername(u.username()).password(encoder.encode(u.password())).authorities(List.of())
				.build())
			.toList());
	}

	@Bean
	RegisteredClientRepository clients(IdentityProvider.Settings settings, PasswordEncoder encoder) {
		return new InMemoryRegisteredClientRepository(settings.clients().stream()
			.map(c -> RegisteredClient.withId(UUID.nameUUIDFromBytes(c.id().getBytes()).toString())
				.clientId(c.id())
				.clientSecret(encoder.encode(c.secret()))
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
				.redirectUri(c.redirectUri())
				.postLogoutRedirectUri(c.postLogoutRedirectUri())
				.scope(OidcScopes.OPENID)
				.scope(OidcScopes.PROFILE)
				.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
					.build())
				.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(settings.accessTokenLifetime())
					.refreshTokenTimeToLive(Duration.ofHours(12)).reuseRefreshTokens(false).build())
				.build())
			.toList());
	}

	@Bean
	JWKSource<SecurityContext> signingKeys(IdentityProvider.Settings settings) throws JOSEException {
		RSAKey key = new RSAKey.Builder((RSAPublicKey) settings.keys().getPublic())
			.privateKey((RSAPrivateKey) settings.keys().getPrivate())
			.keyIDFromThumbprint()
			.build();
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

	@Bean
	JwtDecoder jwtDecoder(IdentityProvider.Settings settings) {
		return NimbusJwtDecoder.withPublicKey((RSAPublicKey) settings.keys().getPublic()).build();
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(IdentityProvider.Settings settings) {
		return AuthorizationServerSettings.builder().issuer(settings.issuer()).build();
	}

	/**
	 * Access tokens as the admin APIs expect them: the {@code roles} claim and the audience; ID tokens carry the
	 * roles too, so a client can show what the person may do.
	 */
	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> rolesAndAudience(IdentityProvider.Settings settings) {
		return context -> {
			IdentityProvider.User user = settings.user(context.getPrincipal().getName());
			List<String> roles = user == null ? List.of() : user.roles();
			if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
				context.getClaims().audience(List.of(settings.audience())).claim(ROLES, roles);
			}
			else if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
				context.getClaims().claim(ROLES, roles);
				if (user != null && user.name() != null) {
					context.getClaims().claim("name", user.name());
				}
			}
		};
	}
}
