// This lesson is judged by the standard check alone (verify/scenario.ts + verify/diagnose.ts):
// after logging in on the page, the connect.sid cookie, GET /me and the socket's whoami answer
// must name the same session with the same user.
import { defineCheck } from "#verify";
import lesson from "./lesson.ts";

export default defineCheck(lesson);
