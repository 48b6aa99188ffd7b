package dev.formgate.infra.bench;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The closed loops' HTTP client, as lean as wrk: one blocking HTTP/1.1 keep-alive connection, the request's bytes
 * built by the caller, the answer read to its end (Content-Length or chunked) and only its status kept. On two cores
 * the load generator shares the CPU with what it measures, so the cheaper each request is for the client, the more of
 * the machine the server gets — and the same client drives the ceilings and Formgate, so their ratios stay fair.
 */
final class RawHttp implements Closeable {

	private final InetSocketAddress address;
	private Socket socket;
	private InputStream in;
	private OutputStream out;

	RawHttp(URI base) {
		this.address = new InetSocketAddress(base.getHost(), base.getPort());
	}

	/** {@code GET path} with the given extra headers, as bytes to send again and again. */
	static byte[] get(URI base, String path, Map<String, String> headers) {
		return request("GET", base, path, headers, null);
	}

	/** {@code POST path} with a body of the given content type. */
	static byte[] post(URI base, String path, Map<String, String> headers, String contentType, String body) {
		Map<String, String> all = new java.util.LinkedHashMap<>(headers);
		all.put("Content-Type", contentType);
		return request("POST", base, path, all, body.getBytes(StandardCharsets.UTF_8));
	}

	private static byte[] request(String method, URI base, String path, Map<String, String> headers, byte[] body) {
		StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
		head.append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
		head.append("Accept: */*\r\n");
		headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		if (body != null) {
			head.append("Content-Length: ").append(body.length).append("\r\n");
		}
		head.append("\r\n");
		byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
		if (body == null) {
			return start;
		}
		byte[] all = java.util.Arrays.copyOf(start, start.length + body.length);
		System.arraycopy(body, 0, all, start.length, body.length);
		return all;
	}

	/** Sends the request and reads the whole answer; returns its status. Reconnects when the server closed. */
	int exchange(byte[] request) throws IOException {
		if (socket == null) {
			connect();
		}
		try {
			out.write(request);
			out.flush();
			return readResponse();
		}
		catch (IOException e) {
			close();
			throw e;
		}
	}

	private void connect() throws IOException {
		socket = new Socket();
		socket.setTcpNoDelay(true);
		socket.setSoTimeout(10_000);
		socket.connect(address, 5_000);
		in = new BufferedInputStream(socket.getInputStream(), 16_384);
		out = socket.getOutputStream();
	}

	private int readResponse() throws IOException {
		String statusLine = line();
		if (statusLine.length() < 12 || !statusLine.startsWith("HTTP/1.")) {
			throw new IOException("not an HTTP answer");
		}
		int status = Integer.parseInt(statusLine.substring(9, 12));
		long length = -1;
		boolean chunked = false;
		boolean closeAfter = statusLine.startsWith("HTTP/1.0");
		for (String header = line(); !header.isEmpty(); header = line()) {
			int colon = header.indexOf(':');
			if (colon < 0) {
				continue;
			}
			String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
			String value = header.substring(colon + 1).trim();
			switch (name) {
				case "content-length" -> length = Long.parseLong(value);
				case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
				case "connection" -> closeAfter = value.equalsIgnoreCase("close");
				default -> {
				}
			}
		}
		if (chunked) {
			for (long size = Long.parseLong(chunkSize(line()), 16); size > 0; size = Long.parseLong(chunkSize(line()), 16)) {
				skip(size);
				line();
			}
			for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
				// trailers are read and ignored
			}
		}
		else if (length > 0) {
			skip(length);
		}
		else if (length < 0 && status >= 200 && status != 204 && status != 304) {
			// no length: the body ends with the connection
			while (in.read() >= 0) {
				// drain
			}
			closeAfter = true;
		}
		if (closeAfter) {
			close();
		}
		return status;
	}

	private static String chunkSize(String line) {
		int extension = line.indexOf(';');
		return (extension < 0 ? line : line.substring(0, extension)).trim();
	}

	private void skip(long n) throws IOException {
		while (n > 0) {
			long skipped = in.skip(n);
			if (skipped <= 0) {
				if (in.read() < 0) {
					throw new EOFException("answer cut short");
				}
				skipped = 1;
			}
			n -= skipped;
		}
	}

	private final StringBuilder line = new StringBuilder(128);

	private String line() throws IOException {
		line.setLength(0);
		for (int c = in.read(); c != '\n'; c = in.read()) {
			if (c < 0) {
				throw new EOFException("connection closed");
			}
			if (c != '\r') {
				line.append((char) c);
			}
		}
		return line.toString();
	}

	@Override
	public void close() {
		if (socket != null) {
			try {
				socket.close();
			}
			catch (IOException e) {
				// closing anyway
			}
			socket = null;
		}
	}
}
