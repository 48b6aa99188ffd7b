/** This store's inventory and its answers to data-subject requests. */
package dev.formgate.newsletter.privacy;
