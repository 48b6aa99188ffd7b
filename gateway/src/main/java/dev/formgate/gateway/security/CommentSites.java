package dev.formgate.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Map;

/**
 * The operator's comment sites as the gateway needs them (prefix {@code formgate.comment}, the same settings
 * comment-service reads; the gateway binds only the origins): which websites may read and post the comments of each
 * site from a browser (docs/configuration.md, "Comments and CORS").
 *
 * @param sites by site id (comment-service's {@code formgate.comment.sites.<id>}); a site without origins is read and
 * posted to only from the gateway's own pages and from servers
 */
@ConfigurationProperties("formgate.comment")
public record CommentSites(@DefaultValue Map<String, Site> sites) {

	/** @param origins the origins of the site's pages, e.g. {@code https://www.example.org}; {@code null} never counts */
	public record Site(@DefaultValue List<String> origins) {
	}
}
