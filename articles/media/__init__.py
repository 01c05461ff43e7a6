"""The image pipeline: the hero image field and its upload checks
(`images`), and the renditions pages and e-mails use (`renditions`)."""
