"""The network: the newsroom client, its transport, feeds, sitemaps and pages."""
