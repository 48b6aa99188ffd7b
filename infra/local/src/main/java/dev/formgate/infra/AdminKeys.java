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
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;

/**
 * The local stack's token key: an RSA key pair generated on first start under the data directory. The services get
 * the public key; the local identity provider signs its tokens with the private key, and so does {@code bin/run
 * token} for short-lived admin tokens. Production uses the organisation's identity provider instead (JWK set or
 * public key).
 */
final class AdminKeys {

	static final String AUDIENCE = "formgate";

	private final Path publicKey;
	private final KeyPair pair;
	private final AdminTokenIssuer issuer;

	private AdminKeys(Path publicKey, KeyPair pair, String issuer) {
		this.publicKey = publicKey;
		this.pair = pair;
		this.issuer = new AdminTokenIssuer(pair.getPrivate(), issuer, AUDIENCE);
	}

	/**
	 * @param issuer the local identity provider's issuer URL: it signs with the same key, so its tokens and these are
	 * checked alike
	 */
	static AdminKeys loadOrCreate(Path dataDirectory, String issuer) throws IOException {
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
		return new AdminKeys(publicFile, new KeyPair(readPublicKey(publicFile), readPrivateKey(privateFile)), issuer);
	}

	private static PublicKey readPublicKey(Path file) throws IOException {
		try {
			return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(file)));
		}
		catch (GeneralSecurityException e) {
			throw new IOException("unreadable admin token key " + file, e);
		}
	}

	/** The key pair the identity provider signs with. */
	KeyPair keyPair() {
		return pair;
	}

	private static PrivateKey readPrivateKey(Path file) throws IOException {
		try {
			return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(file)));
		}
		catch (GeneralSecurityException e) {
			throw new IOException("unreadable admin token key " + file, e);
		}
	}

	/** The bytes of a PEM file's one key. */
	private static byte[] der(Path file) throws IOException {
		return Base64.getDecoder().decode(Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
	}

	/** Where the services read the public key from ({@code FORMGATE_ADMIN_TOKEN_PUBLIC_KEY}). */
	String publicKeyLocation() {
		return publicKey.toUri().toString();
	}

	String token(Collection<String> roles, Duration ttl) {
		return issuer.issue("local-admin", roles.isEmpty() ? AdminRoles.ALL : roles, ttl);
	}
}
