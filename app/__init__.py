"""The core: domain services, sync and reports. Runs and is tested without Qt."""

APP_VERSION = "0.1.0"
