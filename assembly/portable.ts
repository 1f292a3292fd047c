// Entry point of the JavaScript build (scripts/build-portable.mjs): the
// portable library first, so its globals exist when the engine module runs.
import "assemblyscript/std/portable/index.js";
export * from "./index";
