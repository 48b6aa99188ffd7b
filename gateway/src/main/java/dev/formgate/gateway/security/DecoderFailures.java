package dev.formgate.gateway.security;

import dev.formgate.gateway.errors.Catalogue;
import dev.formgate.gateway.errors.Problems;
import dev.formgate.gateway.errors.Problems.Problem;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.logging.ReactorNettyHttpMessageLogFactory;
import reactor.netty.http.server.HttpServer;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * Answers that Netty's HTTP decoder and WebFlux's adapter give before any filter runs (a request line over the limit:
 * 414, headers over the limit: 431, a request line that does not parse: 400) come without a body or headers. They get
 * the same problem body and security headers as every other answer here, and Netty's warning about them names no path.
 */
@Component
class DecoderFailures implements NettyServerCustomizer {

	private final SecurityHeaders securityHeaders;

	DecoderFailures(SecurityHeaders securityHeaders) {
		this.securityHeaders = securityHeaders;
	}

	@Override
	public HttpServer apply(HttpServer server) {
		ChannelHandler problems = new ProblemBodies(securityHeaders.fixed());
		return server.httpMessageLogFactory(new WithoutPath())
			.doOnChannelInit((observer, channel, remote) -> {
				if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
					channel.pipeline().addAfter(NettyPipeline.HttpCodec, "formgate.problemBodies", problems);
				}
			});
	}

	/** Netty's decoder warnings without the request's path (it could hold an address or a token). */
	private static final class WithoutPath extends ReactorNettyHttpMessageLogFactory {

		@Override
		protected Function<String, String> uriValueFunction() {
			return uri -> "<filtered>";
		}
	}

	/** Replaces an empty 400, 414 or 431 without a content type (only Netty and the adapter give those) by a problem. */
	@ChannelHandler.Sharable
	static final class ProblemBodies extends ChannelOutboundHandlerAdapter {

		private final Map<String, String> headers;

		ProblemBodies(Map<String, String> headers) {
			this.headers = headers;
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
			if (msg instanceof FullHttpResponse bare && bare.content().readableBytes() == 0
					&& !bare.headers().contains(HttpHeaderNames.CONTENT_TYPE)) {
				Problem problem = switch (bare.status().code()) {
					case 400 -> Catalogue.BAD_REQUEST;
					case 414 -> Catalogue.URI_TOO_LONG;
					case 431 -> Catalogue.HEADERS_TOO_LARGE;
					default -> null;
				};
				if (problem != null) {
					super.write(ctx, withProblem(bare, problem), promise);
					return;
				}
			}
			super.write(ctx, msg, promise);
		}

		private FullHttpResponse withProblem(FullHttpResponse bare, Problem problem) {
			byte[] body = Problems.json(problem).getBytes(StandardCharsets.UTF_8);
			FullHttpResponse answer = new DefaultFullHttpResponse(bare.protocolVersion(),
					HttpResponseStatus.valueOf(problem.status().value()), Unpooled.wrappedBuffer(body));
			answer.headers().set(bare.headers());
			answer.headers().set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			answer.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
			headers.forEach((name, value) -> {
				if (!answer.headers().contains(name)) {
					answer.headers().set(name, value);
				}
			});
			SecurityHeaders.NO_STORE.forEach(answer.headers()::set);
			bare.release();
			return answer;
		}
	}
}
