/** The sign-up API (JSON and plain form posts) and the confirm and unsubscribe pages. */
package dev.formgate.newsletter.subscription.web;
