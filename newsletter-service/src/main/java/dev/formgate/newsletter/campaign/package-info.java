/** Newsletter campaigns: writing, rendering, scheduling and sending them to the confirmed subscribers of lists. */
package dev.formgate.newsletter.campaign;
