/** The editors' campaign API and the public archive of sent campaigns. */
package dev.formgate.newsletter.campaign.web;
