/** Staff actions on subscriptions (newsletter-editor role): unsubscribing on request, importing or re-adding one. */
package dev.formgate.newsletter.admin;
