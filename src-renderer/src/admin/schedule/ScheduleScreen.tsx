// Placeholder until the section lands (issue 16); replaced by the section's own screen.
/** The section's screen. */
export function ScheduleScreen() {
  return <p>Coming in this change.</p>;
}
