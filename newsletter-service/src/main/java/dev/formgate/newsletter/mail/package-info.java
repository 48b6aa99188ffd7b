/** The mails newsletter-service sends: templates per language, RFC 8058 headers, batched delivery over one connection. */
package dev.formgate.newsletter.mail;
