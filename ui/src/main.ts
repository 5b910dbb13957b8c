import { mount } from "svelte";
import App from "./App.svelte";
import "./app.css";
import { applyTheme, storedTheme } from "./lib/theme";

// The theme chosen in Settings, before anything is drawn.
applyTheme(storedTheme());

const target = document.getElementById("app");
if (!target) throw new Error("index.html has no #app element");
mount(App, { target });
