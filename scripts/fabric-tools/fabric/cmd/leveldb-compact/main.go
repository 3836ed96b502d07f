// Command leveldb-compact compacts the LevelDB databases of a stopped peer, so that deleted entries — private
// data removed by purgePrivateData — no longer sit in the databases' journal and table files. LevelDB only marks a
// deleted key; its old value stays on disk until a compaction rewrites the files that hold it.
//
// Usage: leveldb-compact DIR... (each DIR a LevelDB database: a directory with a CURRENT file).
package main

import (
	"fmt"
	"os"

	"github.com/syndtr/goleveldb/leveldb"
	"github.com/syndtr/goleveldb/leveldb/opt"
	"github.com/syndtr/goleveldb/leveldb/util"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: leveldb-compact DIR...")
		os.Exit(2)
	}
	for _, dir := range os.Args[1:] {
		if err := compact(dir); err != nil {
			fmt.Fprintf(os.Stderr, "leveldb-compact: %s: %v\n", dir, err)
			os.Exit(1)
		}
	}
}

// compact opens the database (replaying its journal into a table), then compacts the whole key range, which
// drops deleted and overwritten values and removes the files that held them.
func compact(dir string) error {
	db, err := leveldb.OpenFile(dir, &opt.Options{ErrorIfMissing: true})
	if err != nil {
		return err
	}
	if err := db.CompactRange(util.Range{}); err != nil {
		db.Close()
		return err
	}
	return db.Close()
}
