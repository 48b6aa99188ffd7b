package dev.formgate.newsletter.mail;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;

/**
 * Mail settings (prefix {@code formgate.newsletter.mail}); the SMTP server itself is {@code spring.mail.*}.
 *
 * @param from sender of all newsletter mails
 * @param publicBaseUrl where visitors reach the gateway; links in mails start with it
 * @param bounceAddress the mailbox bounces and complaints come back to: campaign mails carry it, tagged per recipient
 * ({@code bounces+<token>@domain}), as their return path; its domain is also the domain of their List-Id
 * @param dkim DKIM signing of every mail with the operator's key; off while no key is configured
 */
@Validated
@ConfigurationProperties("formgate.newsletter.mail")
public record MailProperties(@DefaultValue("Formgate Newsletter <newsletter@formgate.localhost>") @NotNull String from,
		@DefaultValue("http://localhost:8080") @NotNull URI publicBaseUrl,
		@DefaultValue("bounces@formgate.localhost") @NotNull String bounceAddress, @DefaultValue Dkim dkim) {

	/**
	 * DKIM (RFC 6376, rsa-sha256, relaxed/relaxed); the public key is published as a TXT record at
	 * {@code <selector>._domainkey.<domain>} (docs/operations.md, "SPF, DKIM and DMARC").
	 *
	 * @param domain the signing domain ({@code d=}); empty: the domain of the From address, which DMARC aligns with
	 * @param selector the key's selector ({@code s=}, default {@code formgate})
	 * @param privateKey the RSA private key, PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}); empty: mails are not
	 * signed
	 */
	public record Dkim(String domain, @DefaultValue("formgate") String selector, String privateKey) {

		public boolean isConfigured() {
			return privateKey != null && !privateKey.isBlank();
		}
	}

	/** The domain of the From address. */
	public String fromDomain() {
		String address = from.contains("<") ? from.substring(from.indexOf('<') + 1, from.lastIndexOf('>')) : from;
		return address.substring(address.lastIndexOf('@') + 1).strip();
	}

	/** The local part of the bounce address, before any tag. */
	public String bounceLocalPart() {
		return bounceAddress.substring(0, bounceAddress.lastIndexOf('@'));
	}

	/** The domain of the bounce address. */
	public String bounceDomain() {
		return bounceAddress.substring(bounceAddress.lastIndexOf('@') + 1);
	}
}
