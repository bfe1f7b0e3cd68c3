# Build and install losslab: the binary, its man page and shell completions.
#
#   make                       release build; man page and completion scripts in .build/dist
#   make install               copy them under $(DESTDIR)$(PREFIX) (default /usr/local)
#   make install PREFIX=~/.local
#   make uninstall             remove what install copied (same PREFIX and DESTDIR)
#
# DESTDIR stages an install for packaging: files go to $(DESTDIR)$(PREFIX)/... and the
# installed program still expects to live in $(PREFIX). Build as yourself, then install with
# the rights $(PREFIX) needs (`make && sudo make install`).

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
INSTALL ?= install

BINDIR := $(DESTDIR)$(PREFIX)/bin
MANDIR := $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

DIST := .build/dist
# The man page is dated by the newest release in CHANGELOG.md, so a rebuild gives the same page.
MANDATE := $(shell sed -n 's/^## \[[0-9][^]]*\] - \([0-9-]*\).*/\1/p' CHANGELOG.md | head -n 1)

SOURCES := Package.swift $(shell find Sources -type f)

.PHONY: all install uninstall clean

all: $(DIST)/losslab $(DIST)/losslab.1 $(DIST)/losslab.bash $(DIST)/_losslab $(DIST)/losslab.fish

$(DIST)/losslab: $(SOURCES)
	$(SWIFT) build -c release --product losslab
	mkdir -p $(DIST)
	cp "$$($(SWIFT) build -c release --show-bin-path)/losslab" $@

# swift-argument-parser's generate-manual plugin writes losslab.1 from the command definitions;
# the blank lines between paragraphs of the help text become mdoc paragraph breaks.
$(DIST)/losslab.1: $(DIST)/losslab CHANGELOG.md
	$(SWIFT) package generate-manual --configuration release --date $(MANDATE) --section 1
	sed 's/^$$/.Pp/' .build/plugins/GenerateManual/outputs/losslab/losslab.1 > $@  # blank lines: mdoc paragraphs

$(DIST)/losslab.bash: $(DIST)/losslab
	$< --generate-completion-script bash > $@
$(DIST)/_losslab: $(DIST)/losslab
	$< --generate-completion-script zsh > $@
$(DIST)/losslab.fish: $(DIST)/losslab
	$< --generate-completion-script fish > $@

# Depends on the built files, not on a build: `make && sudo make install` builds as you.
install: all
	$(INSTALL) -d $(BINDIR) $(MANDIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	$(INSTALL) -m 755 $(DIST)/losslab $(BINDIR)/losslab
	$(INSTALL) -m 644 $(DIST)/losslab.1 $(MANDIR)/losslab.1
	$(INSTALL) -m 644 $(DIST)/losslab.bash $(BASHDIR)/losslab
	$(INSTALL) -m 644 $(DIST)/_losslab $(ZSHDIR)/_losslab
	$(INSTALL) -m 644 $(DIST)/losslab.fish $(FISHDIR)/losslab.fish

uninstall:
	rm -f $(BINDIR)/losslab $(MANDIR)/losslab.1 $(BASHDIR)/losslab $(ZSHDIR)/_losslab \
	  $(FISHDIR)/losslab.fish

clean:
	rm -rf $(DIST)
