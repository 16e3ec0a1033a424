// Shared example infrastructure; each area lives in its own folder (backend/, data/, report/).
export {};
