package dev.formgate.infra;

import dev.formgate.security.AdminRoles;
import dev.formgate.security.AdminTokenIssuer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;

/**
 * The local stack's stand-in for an identity provider: an RSA key pair generated on first start under the data
 * directory. The services get the public key; {@code bin/run token} signs short-lived admin tokens with the private
 * key. Production uses the organisation's identity provider instead (JWK set or public key).
 */
final class AdminKeys {

	static final String ISSUER = "formgate-local";
	static final String AUDIENCE = "formgate";

	private final Path publicKey;
	private final AdminTokenIssuer issuer;

	private AdminKeys(Path publicKey, PrivateKey privateKey) {
		this.publicKey = publicKey;
		this.issuer = new AdminTokenIssuer(privateKey, ISSUER, AUDIENCE);
	}

	static AdminKeys loadOrCreate(Path dataDirectory) throws IOException {
		Path directory = dataDirectory.resolve("keys");
		Path privateFile = directory.resolve("admin-token.key");
		Path publicFile = directory.resolve("admin-token.pub");
		if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
			Files.createDirectories(directory);
			KeyPair pair = AdminTokenIssuer.newKeyPair();
			Files.writeString(publicFile, AdminTokenIssuer.pem(pair.getPublic()));
			Files.deleteIfExists(privateFile);
			Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(privateFile, AdminTokenIssuer.pem(pair.getPrivate()));
		}
		return new AdminKeys(publicFile, readPrivateKey(privateFile));
	}

	private static PrivateKey readPrivateKey(Path file) throws IOException {
		String base64 = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
		try {
			return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
		}
		catch (GeneralSecurityException e) {
			throw new IOException("unreadable admin token key " + file, e);
		}
	}

	/** Where the services read the public key from ({@code FORMGATE_ADMIN_TOKEN_PUBLIC_KEY}). */
	String publicKeyLocation() {
		return publicKey.toUri().toString();
	}

	String token(Collection<String> roles, Duration ttl) {
		return issuer.issue("local-admin", roles.isEmpty() ? AdminRoles.ALL : roles, ttl);
	}
}
