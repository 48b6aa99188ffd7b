package dev.formgate.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Browser-facing security settings (prefix {@code formgate.gateway.security}).
 *
 * @param publicOrigin the origin the gateway's own pages are served from, as browsers see it (TLS ends in front of
 * the gateway, so the request alone cannot tell)
 * @param allowedOrigins websites whose pages may call the public API from script or post forms to it (default none:
 * only the gateway's own pages); {@code null} is never accepted
 * @param contentSecurityPolicy the CSP of every answer that does not bring its own
 * @param hstsMaxAge {@code Strict-Transport-Security} max-age, sent on every answer because TLS ends in front of the
 * gateway (default 365d; 0 sends none)
 */
@ConfigurationProperties("formgate.gateway.security")
public record SecurityProperties(@DefaultValue("http://localhost:8080") String publicOrigin,
		@DefaultValue List<String> allowedOrigins,
		@DefaultValue("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
				+ "connect-src 'self'; worker-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; "
				+ "frame-ancestors 'none'") String contentSecurityPolicy,
		@DefaultValue("365d") Duration hstsMaxAge) {
}
