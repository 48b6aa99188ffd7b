package dev.formgate.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * HTTP settings (prefix {@code formgate.web}).
 *
 * @param trustedProxies how many proxies in front of this service append to {@code X-Forwarded-For}; the client is
 * the entry that many places from the right (default 1: the gateway, which writes the address it resolved)
 * @param maxRequestBody larger request bodies are refused with 413 (default 16KB)
 * @param maxAdminRequestBody the same for admin calls ({@code /api/admin/**}, authenticated staff; default 256KB, the
 * gateway's admin limit): a newsletter campaign's text is longer than any form
 * @param storeRetryAfter the {@code Retry-After} of the 503 answered while the store is unreachable (default 10s)
 */
@ConfigurationProperties("formgate.web")
public record WebProperties(@DefaultValue("1") int trustedProxies, @DefaultValue("16KB") DataSize maxRequestBody,
		@DefaultValue("10s") Duration storeRetryAfter, @DefaultValue("256KB") DataSize maxAdminRequestBody) {
}
