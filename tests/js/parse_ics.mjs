// Parse an iCalendar feed from stdin with Mozilla's ical.js (the parser inside Thunderbird)
// and print what a calendar client would see, as JSON, for tests/meetings/test_calendars.py.
//
// Times are resolved with the VTIMEZONE components inside the feed itself (ical.js looks a
// TZID up in the component tree first), so a wrong or missing VTIMEZONE shows up as a
// wrong UTC instant rather than being papered over by a built-in zone database.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(0, "utf8");
const root = new ICAL.Component(ICAL.parse(text));

function utc(time) {
  return time ? time.convertToZone(ICAL.Timezone.utcTimezone).toString() : null;
}

function value(component, name) {
  const found = component.getFirstPropertyValue(name);
  if (found === null || found === undefined) return null;
  return typeof found === "object" ? found.toString() : found;
}

const timezones = root.getAllSubcomponents("vtimezone").map((tz) => tz.getFirstPropertyValue("tzid"));
const events = root.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  const start = component.getFirstProperty("dtstart");
  return {
    uid: event.uid,
    summary: event.summary,
    description: event.description,
    location: event.location,
    url: value(component, "url"),
    status: value(component, "status"),
    sequence: event.sequence,
    start_tzid: start ? start.getParameter("tzid") || null : null,
    start_zone: event.startDate ? event.startDate.zone.tzid : null,
    start_utc: utc(event.startDate),
    end_utc: component.hasProperty("dtend") ? utc(event.endDate) : null,
    dtstamp_utc: utc(component.getFirstPropertyValue("dtstamp")),
    last_modified_utc: utc(component.getFirstPropertyValue("last-modified")),
    transp: value(component, "transp"),
  };
});

process.stdout.write(
  JSON.stringify({
    name: root.name,
    version: value(root, "version"),
    prodid: value(root, "prodid"),
    calname: value(root, "x-wr-calname"),
    timezone: value(root, "x-wr-timezone"),
    refresh_interval: value(root, "refresh-interval"),
    published_ttl: value(root, "x-published-ttl"),
    timezones,
    events,
  }),
);
