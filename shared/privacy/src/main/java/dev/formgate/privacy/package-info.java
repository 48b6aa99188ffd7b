/** A store's side of data-subject requests: its inventory announcement and one stored, relayed answer per request. */
package dev.formgate.privacy;
